// Photographs the demo tour (Endpoints view, tree down to executions, an execution's report) in a
// light and a dark theme, with the extension installed from its .vsix as a user would have it.
import { join } from 'node:path';
import { breakInferredType } from './baselineTour';
import { browseLastDay, closeQuickInput, openMonitorConstraints, openRawLine, showDataCaptureRow, typeSamplingPercentage } from './captureTour';
import { executionWithViolations, expandReportFeature, expandToExecutions, openChartsFromPalette, openEndpointsView, openExecutionReport } from './demoTour';
import { demoFacts } from './demoFacts';
import { chooseMenuItem, clickInlineAction, modalDialog, monitorRow, openContextMenu, pressDialogButton, waitForStatus } from './scheduleTour';
import { runCommand, saveScreenshot, setSideBarWidth } from './workbench';
import { fillChapterMonitor, openWizard } from './wizardTour';
import { openWorkbenchSession } from './workbenchSession';

const themes = [
  { name: 'light', colorTheme: 'Light 2026', colorScheme: 'light' },
  { name: 'dark', colorTheme: 'Dark 2026', colorScheme: 'dark' },
] as const;

/** Saves <n>-<screen>-<theme>.png files into `outputDir`; returns their paths. */
export async function takeDemoScreenshots(workspace: string, extensionsDir: string, outputDir: string): Promise<string[]> {
  const saved: string[] = [];
  for (const theme of themes) {
    const session = await openWorkbenchSession({
      folder: workspace,
      extension: { extensionsDir },
      label: `screenshots-${theme.name}`,
      colorTheme: theme.colorTheme,
      colorScheme: theme.colorScheme,
    });
    const shoot = async (name: string) => {
      const file = join(outputDir, `${name}-${theme.name}.png`);
      await saveScreenshot(session.page, file);
      saved.push(file);
    };
    try {
      await openEndpointsView(session.page);
      // Panels of the previous theme's session come back with the workspace (their serializers): close
      // them, so that the only webview on screen is the one each step opens.
      await runCommand(session.page, 'View: Close All Editor Groups');
      // Data capture and baselines are photographed at the side bar's default width, as users first see them.
      const capture = await showDataCaptureRow(session.page);
      await capture.hover();
      await shoot('capture-1-tree');
      await typeSamplingPercentage(session.page, capture, '150');
      await shoot('capture-2-sampling-check');
      await closeQuickInput(session.page);
      const webview = await browseLastDay(session.page, capture);
      await shoot('capture-3-browse');
      await openRawLine(session.page, webview, 2);
      await shoot('capture-4-raw-line');
      await openMonitorConstraints(session.page, demoFacts.scheduleNames[0]);
      await shoot('baseline-1-constraints');
      await breakInferredType(session.page);
      await shoot('baseline-2-schema-error');
      await session.page.keyboard.press('Control+z');
      await session.page.keyboard.press('Control+k');
      await session.page.keyboard.press('w');
      await setSideBarWidth(session.page, 460);
      await shoot('1-endpoints');
      const executions = await expandToExecutions(session.page);
      await shoot('2-executions');
      const [dqSchedule, mqSchedule] = demoFacts.scheduleNames;
      const report = await openExecutionReport(session.page, executionWithViolations(executions, dqSchedule));
      await shoot('3-report');
      const sex = await expandReportFeature(report, 'Sex');
      await sex.scrollIntoViewIfNeeded();
      await shoot('report-data-quality-sex-overlay');
      await openExecutionReport(session.page, executionWithViolations(await expandToExecutions(session.page, mqSchedule), mqSchedule));
      await shoot('report-model-quality');
      const charts = await openChartsFromPalette(session.page);
      await shoot('chart-drift-overview');
      const cards = charts.locator('.chart-card[data-chart-id]');
      await cards.first().scrollIntoViewIfNeeded();
      await shoot('chart-sex-drift');
      await cards.last().scrollIntoViewIfNeeded();
      await shoot('chart-rmse');
      // At the side bar's default width, as a new user first sees it.
      await setSideBarWidth(session.page, 300);
      await cards.first().scrollIntoViewIfNeeded();
      await shoot('chart-default-sidebar');
      await setSideBarWidth(session.page, 460);
      // Schedules: the monitor's menu, a stopped monitor, and the delete confirmation (cancelled: the demo stays whole).
      const [dataQuality, modelQuality] = demoFacts.scheduleNames;
      await openContextMenu(session.page, await monitorRow(session.page, dataQuality));
      await shoot('schedule-1-menu');
      await chooseMenuItem(session.page.locator('.monaco-menu').last(), 'Stop Monitoring Schedule');
      await waitForStatus(session.page, dataQuality, 'Stopped');
      await (await monitorRow(session.page, dataQuality)).hover();
      await shoot('schedule-2-stopped');
      await chooseMenuItem(await openContextMenu(session.page, await monitorRow(session.page, modelQuality)), 'Delete Monitoring Schedule…');
      const dialog = await modalDialog(session.page);
      await shoot('schedule-3-delete-confirm');
      await pressDialogButton(dialog, 'Cancel');
      await clickInlineAction(await monitorRow(session.page, dataQuality), 'Start Monitoring Schedule');
      await waitForStatus(session.page, dataQuality, 'Scheduled');
      // The schedule wizard: each step of the chapter's data-quality monitor, and the model-quality
      // baseline with the dataset's columns offered (not created: the demo stays as built).
      const wizard = await openWizard(session.page, 'DataQuality');
      let n = 0;
      await fillChapterMonitor(wizard, 'DataQuality', (step) => shoot(`wizard-${++n}-${step}`));
      const modelQualityWizard = await openWizard(session.page, 'ModelQuality');
      await fillChapterMonitor(modelQualityWizard, 'ModelQuality', async (step) => {
        if (step === 'baseline' || step === 'review') await shoot(`wizard-model-quality-${step}`);
      });
    } finally {
      await session.close();
    }
  }
  return saved;
}
