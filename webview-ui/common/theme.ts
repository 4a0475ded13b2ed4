/** Chart colours from the VS Code theme's variables, read when drawing (and again on a theme change). */
export interface ChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  baseline: string;
  current: string;
  threshold: string;
  violation: string;
  series: string[];
  font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function chartTheme(): ChartTheme {
  const s = getComputedStyle(document.body);
  const series = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
  const fallback = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];
  return {
    foreground: cssVar(s, '--vscode-foreground', '#cccccc'),
    muted: cssVar(s, '--vscode-descriptionForeground', '#999999'),
    grid: cssVar(s, '--vscode-panel-border', 'rgba(128,128,128,0.35)'),
    background: cssVar(s, '--vscode-editor-background', '#1e1e1e'),
    baseline: cssVar(s, '--vscode-charts-blue', '#3794ff'),
    current: cssVar(s, '--vscode-charts-orange', '#d18616'),
    threshold: cssVar(s, '--vscode-charts-red', '#f14c4c'),
    violation: cssVar(s, '--vscode-errorForeground', '#f14c4c'),
    series: series.map((v, i) => cssVar(s, v, fallback[i])),
    font: cssVar(s, '--vscode-font-family', 'sans-serif'),
  };
}

/** `#rrggbb` (or any CSS colour) with an alpha, for fills. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
