// In code-server, the integration suite's report reaches the test runner through the workbench's
// log, mixed with the workbench's own messages. The runner (test/harness/runIntegration.ts) sets
// this environment variable for the extension host, and the suite starts each report line with its
// value so that the runner can tell the two apart. Elsewhere (test-electron) the report is plain.
export const reportPrefixVariable = 'MODEL_MONITOR_TEST_REPORT_PREFIX';
export const reportPrefix = '[integration-report] ';
