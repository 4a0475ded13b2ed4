// The integration suite's report reaches the test runner through the workbench's log, mixed with
// the workbench's own messages; this prefix tells the two apart.
export const reporterLinePrefix = '[integration-report] ';
