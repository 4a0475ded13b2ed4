// Which suite the extension host runs: the runner (test/harness/runIntegration.ts) sets this variable
// when it opened the workspace untrusted, and index.ts then loads test/integration/restricted/ only.
export const restrictedSuiteVariable = 'MODEL_MONITOR_RESTRICTED_SUITE';
