// What the abalone demo workspace (`model-monitor demo`) contains, as the extension's UI shows it.
// Shared by the integration tests (inside the extension host) and the end-to-end specs.

export const demoFacts = {
  /** The connection row: the local workspace's name. */
  workspaceName: 'abalone-demo',
  endpointName: 'abalone-xgb-demo',
  scheduleNames: ['abalone-data-quality-hourly', 'abalone-model-quality-hourly'],
  /** The activity-bar container and its tree view. */
  containerTitle: 'SageMaker Model Monitor',
  endpointsViewId: 'sagemakerModelMonitor.endpoints',
  /** Execution rows are labelled by their scheduled hour, e.g. `2026-11-24 13:00 UTC`. */
  executionLabel: /^\d{4}-\d\d-\d\d \d\d:\d\d UTC/,
} as const;
