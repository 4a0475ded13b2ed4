// Clicking executions in the tree reuses one preview report panel, as VS Code's preview editors do;
// "Keep Report Open" keeps it, so the next click opens a new preview beside it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoFacts } from '../harness/demoFacts';
import { childrenOf, endpointsTree, labelled, rowAt, waitFor, type Row } from './treeHelpers';

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Report: '));
}

async function waitForTabs(what: string, ok: (labels: string[]) => boolean): Promise<string[]> {
  return waitFor(what, async () => {
    const labels = reportTabs().map((tab) => tab.label);
    return Promise.resolve(ok(labels) ? labels : undefined);
  }).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}; report tabs: ${JSON.stringify(reportTabs().map((tab) => tab.label))}`);
  });
}

describe('Execution report preview', () => {
  it('reuses one preview panel for clicks in the tree until the user keeps it open', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const tree = await endpointsTree();
    const monitor = await waitFor('the demo data-quality monitor', () =>
      rowAt(tree, labelled(demoFacts.workspaceName), labelled(demoFacts.endpointName), labelled(demoFacts.scheduleNames[0])),
    );
    const executions: Row[] = (await childrenOf(tree, monitor.node)).filter((row) => demoFacts.executionLabel.test(row.label));
    assert.ok(executions.length >= 3, `the demo monitor lists ${executions.length} executions`);
    const [a, b, c] = executions;
    const open = (row: Row) => vscode.commands.executeCommand('sagemakerModelMonitor.openExecutionReport', row.node);
    const shows = (row: Row) => (label: string) => label.includes(row.label);

    await open(a);
    await waitForTabs('one preview report of the first execution', (l) => l.length === 1 && shows(a)(l[0]) && l[0].endsWith('(preview)'));
    await open(b);
    await waitForTabs('the same preview panel now showing the second execution', (l) => l.length === 1 && shows(b)(l[0]) && l[0].endsWith('(preview)'));

    assert.equal(await vscode.commands.executeCommand('sagemakerModelMonitor.pinExecutionReport'), true);
    await waitForTabs('the second execution kept open, no longer a preview', (l) => l.length === 1 && shows(b)(l[0]) && !l[0].endsWith('(preview)'));

    await open(c);
    const labels = await waitForTabs('the kept report and a new preview of the third execution', (l) => l.length === 2 && l.some((x) => shows(b)(x) && !x.endsWith('(preview)')) && l.some((x) => shows(c)(x) && x.endsWith('(preview)')));
    assert.equal(labels.length, 2);

    // Opening an execution that already has a panel brings that panel forward instead of replacing the preview.
    await open(b);
    await waitFor('the kept report of the second execution in front', async () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return Promise.resolve(active && shows(b)(active.label) && !active.label.endsWith('(preview)') ? true : undefined);
    });
    await waitForTabs('still two report panels', (l) => l.length === 2 && l.some((x) => shows(c)(x)));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
