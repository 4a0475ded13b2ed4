// The schedule wizard driven as a user drives it: opened from the command palette on the demo, its
// fields typed inside the webview, each step visited, Create clicked, the outcome read. The end-to-end
// spec checks each step; `npm run demo -- --screenshots` photographs them.
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO } from '../../src/monitoring/demo/demoScenario';
import { activeWebview, editorTab, runCommand, uiTimeoutMs } from './workbench';

/** A baseline job runs the analyzer over the dataset: give it longer than a click. */
const createTimeoutMs = 120_000;

export type WizardKind = 'DataQuality' | 'ModelQuality';
export const WIZARD_TITLES: Record<WizardKind, string> = { DataQuality: 'Create Data Quality Monitor', ModelQuality: 'Create Model Quality Monitor' };

/** Runs *Create … Monitor…* from the palette and waits for the wizard's first step. */
export async function openWizard(page: Page, kind: WizardKind): Promise<FrameLocator> {
  await runCommand(page, `SageMaker Model Monitor: ${WIZARD_TITLES[kind]}…`);
  await editorTab(page, WIZARD_TITLES[kind]).first().waitFor({ timeout: uiTimeoutMs });
  const webview = activeWebview(page);
  await webview.locator('#section-schedule').waitFor({ timeout: uiTimeoutMs });
  return webview;
}

/** Types into a wizard text field (the input inside the vscode-textfield), replacing its value. */
export async function typeInto(webview: FrameLocator, field: string, value: string): Promise<void> {
  const input = webview.locator(`#f-${field} input`);
  await input.fill(value);
}

export async function fieldValue(webview: FrameLocator, field: string): Promise<string> {
  return webview.locator(`#f-${field} input`).inputValue();
}

export async function fieldMessage(webview: FrameLocator, field: string): Promise<string> {
  return ((await webview.locator(`#m-${field}`).textContent()) ?? '').trim();
}

export async function goToStep(webview: FrameLocator, step: 'schedule' | 'job' | 'baseline' | 'additional' | 'review'): Promise<void> {
  await webview.locator(`#step-${step}`).click();
  await webview.locator(`#section-${step}`).waitFor({ state: 'visible' });
}

/** The chapter's monitors, as the user types them into the wizard on the demo. */
export const chapterMonitors: Record<WizardKind, { name: string; dataset: string; columns?: { prediction: string; label: string } }> = {
  DataQuality: { name: 'abalone-data-quality-wizard', dataset: DEMO.trainUri },
  ModelQuality: { name: 'abalone-model-quality-wizard', dataset: DEMO.modelQualityBaselineDatasetUri, columns: { prediction: 'Prediction', label: 'Rings' } },
};

/** Fills the schedule and baseline steps; `shoot` is called on each step once it is filled. */
export async function fillChapterMonitor(webview: FrameLocator, kind: WizardKind, shoot: (step: string) => Promise<void> = async () => undefined): Promise<void> {
  const monitor = chapterMonitors[kind];
  await typeInto(webview, 'scheduleName', monitor.name);
  await shoot('schedule');
  await goToStep(webview, 'job');
  await shoot('job');
  await goToStep(webview, 'baseline');
  await typeInto(webview, 'datasetLocation', monitor.dataset);
  if (monitor.columns) {
    // The header is read once the dataset is chosen; its columns are offered beside the fields.
    await webview.locator('#n-datasetLocation', { hasText: 'Columns: Rings, Prediction' }).waitFor({ timeout: uiTimeoutMs });
    await typeInto(webview, 'datasetPredictionColumn', monitor.columns.prediction);
    await typeInto(webview, 'datasetLabelColumn', monitor.columns.label);
  }
  await shoot('baseline');
  await goToStep(webview, 'additional');
  await shoot('additional');
  await goToStep(webview, 'review');
  await webview.locator('#requests', { hasText: 'CreateMonitoringSchedule' }).waitFor({ timeout: uiTimeoutMs });
  await shoot('review');
}

/** Clicks Create and waits for the outcome; returns its text. */
export async function createAndWait(webview: FrameLocator): Promise<string> {
  await webview.locator('#create').click();
  const outcome = webview.locator('#outcome .success, #outcome .failure');
  await outcome.first().waitFor({ timeout: createTimeoutMs });
  return ((await outcome.first().textContent()) ?? '').trim();
}
