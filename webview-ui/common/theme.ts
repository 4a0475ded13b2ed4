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
  /** Axis lines and tooltip borders: the theme's contrast border in high contrast. */
  border: string;
  tooltipBackground: string;
  /** A high-contrast theme (dark or light): thicker lines, solid colours. */
  highContrast: boolean;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

/** VS Code marks the body `vscode-high-contrast` (and `vscode-high-contrast-light` for the light one). */
export function isHighContrast(body: HTMLElement = document.body): boolean {
  return body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
}

export function chartTheme(): ChartTheme {
  const s = getComputedStyle(document.body);
  const highContrast = isHighContrast();
  const contrastBorder = s.getPropertyValue('--vscode-contrastBorder').trim();
  const series = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
  const fallback = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];
  return {
    foreground: cssVar(s, '--vscode-foreground', '#cccccc'),
    muted: cssVar(s, '--vscode-descriptionForeground', '#999999'),
    // In high contrast the panel border is the bright contrast border: a faded grid keeps the series in front.
    grid: highContrast ? withAlpha(cssVar(s, '--vscode-panel-border', contrastBorder || '#6fc3df'), 0.45) : cssVar(s, '--vscode-panel-border', 'rgba(128,128,128,0.35)'),
    background: cssVar(s, '--vscode-editor-background', '#1e1e1e'),
    baseline: cssVar(s, '--vscode-charts-blue', '#3794ff'),
    current: cssVar(s, '--vscode-charts-orange', '#d18616'),
    threshold: cssVar(s, '--vscode-charts-red', '#f14c4c'),
    violation: cssVar(s, '--vscode-errorForeground', '#f14c4c'),
    series: series.map((v, i) => cssVar(s, v, fallback[i])),
    font: cssVar(s, '--vscode-font-family', 'sans-serif'),
    border: contrastBorder || cssVar(s, '--vscode-editorHoverWidget-border', 'rgba(128,128,128,0.5)'),
    tooltipBackground: cssVar(s, '--vscode-editorHoverWidget-background', '#252526'),
    highContrast,
  };
}

/** A `#rgb`, `#rrggbb` or `#rrggbbaa` colour with the given alpha, for fills; other colours as they are. */
export function withAlpha(color: string, alpha: number): string {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color.trim())?.[1];
  if (!hex) return color;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = parseInt(hex.slice(0, 6), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
