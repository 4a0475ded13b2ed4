// The wizard's layout, adopted as a constructed stylesheet (the CSP allows no inline styles). Colours
// come from the theme's variables only, so light, dark and high-contrast themes apply as they are.
export const wizardStyles = `
#app { max-width: 860px; }
.wizard-header { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.wizard-steps { display: flex; gap: 4px; flex-wrap: wrap; margin: 12px 0 16px; padding: 0; list-style: none; }
.wizard-steps button { background: transparent; color: var(--vscode-foreground); border: 1px solid var(--vscode-contrastBorder, transparent); border-bottom: 2px solid transparent; border-radius: 0; padding: 6px 10px; }
.wizard-steps button:hover { background: var(--vscode-toolbar-hoverBackground, transparent); }
.wizard-steps button[aria-current="step"] { border-bottom-color: var(--vscode-focusBorder); font-weight: 600; }
.wizard-steps .count { color: var(--vscode-errorForeground); margin-left: 6px; font-size: 0.9em; }
section.step h2 { font-size: 1.15em; font-weight: 600; margin: 8px 0 12px; }
.field { margin: 0 0 14px; }
.field > vscode-label { display: block; margin-bottom: 4px; }
.field .control { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.field vscode-textfield { width: 100%; max-width: 560px; }
.field vscode-single-select { min-width: 220px; }
.field .note { color: var(--vscode-descriptionForeground); font-size: 0.9em; margin: 4px 0 0; }
.field .message { color: var(--vscode-errorForeground); font-size: 0.9em; margin: 4px 0 0; }
.field .message:empty, .field .note:empty { display: none; }
.field[hidden] { display: none; }
.field.na vscode-label { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.footer { display: flex; gap: 8px; margin: 20px 0; align-items: center; }
.blockers { color: var(--vscode-errorForeground); }
.blockers li { margin: 2px 0; }
pre.code { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); background: var(--vscode-textCodeBlock-background, transparent); border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding: 8px 10px; overflow: auto; max-height: 420px; white-space: pre; }
h3 { font-size: 1em; font-weight: 600; margin: 16px 0 6px; }
.progress { margin: 12px 0; }
.progress li { margin: 2px 0; }
.progress .done { color: var(--vscode-descriptionForeground); }
.failure { color: var(--vscode-errorForeground); white-space: pre-wrap; border-left: 3px solid var(--vscode-errorForeground); padding: 4px 8px; }
.success { border-left: 3px solid var(--vscode-testing-iconPassed, var(--vscode-focusBorder)); padding: 4px 8px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;
