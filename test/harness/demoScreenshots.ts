// Photographs the demo tour (Endpoints view, tree down to executions, an execution's report) in a
// light and a dark theme, with the extension installed from its .vsix as a user would have it.
import { join } from 'node:path';
import { executionWithViolations, expandToExecutions, openEndpointsView, openExecutionReport } from './demoTour';
import { demoFacts } from './demoFacts';
import { chooseMenuItem, clickInlineAction, modalDialog, monitorRow, openContextMenu, pressDialogButton, waitForStatus } from './scheduleTour';
import { saveScreenshot, setSideBarWidth } from './workbench';
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
      await setSideBarWidth(session.page, 460);
      await shoot('1-endpoints');
      const executions = await expandToExecutions(session.page);
      await shoot('2-executions');
      await openExecutionReport(session.page, executionWithViolations(executions));
      await shoot('3-report');
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
