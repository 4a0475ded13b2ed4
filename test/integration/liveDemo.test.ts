// The demo comes alive: traffic reaches the local endpoint and is captured, and a monitor run now
// analyses it, so a new execution with its report appears in the tree.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { demoFacts } from '../harness/demoFacts';
import { childrenOf, endpointsTree, labelled, rowAt, waitFor, type Row } from './treeHelpers';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Live demo traffic and running a monitor now', () => {
  let tree: vscode.TreeDataProvider<unknown>;
  let endpoint: Row;

  before(async () => {
    tree = await endpointsTree();
    const demo = (await childrenOf(tree, undefined)).find((c) => c.label === demoFacts.workspaceName);
    assert.ok(demo, 'the demo workspace is not in the tree');
    const found = (await childrenOf(tree, demo.node)).find((e) => e.label === demoFacts.endpointName);
    assert.ok(found, 'the demo endpoint is not in the tree');
    endpoint = found;
  });

  after(async () => {
    await vscode.commands.executeCommand('sagemakerModelMonitor.stopDemoTraffic');
    await vscode.commands.executeCommand('sagemakerModelMonitor.stopLocalEndpoint', endpoint.node);
  });

  it('serves the demo endpoint on 127.0.0.1 and captures the demo traffic it receives', async () => {
    const startedAt = Date.now();
    await vscode.commands.executeCommand('sagemakerModelMonitor.generateDemoTraffic', endpoint.node);
    const item = await tree.getTreeItem(endpoint.node);
    assert.match(String(item.description), /serving on 127\.0\.0\.1/);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Stopping flushes what the endpoint captured, and stops the server the traffic started.
    await vscode.commands.executeCommand('sagemakerModelMonitor.stopDemoTraffic');
    await waitFor('the endpoint to stop saying it serves', async () => {
      const row = await rowAt(tree, labelled(demoFacts.workspaceName), labelled(demoFacts.endpointName));
      return row && !/serving/.test(row.description) ? row : undefined;
    });
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'no workspace folder is open');
    const captureFiles = filesUnder(join(root, 's3')).filter((f) => f.includes(`/datacapture/${demoFacts.endpointName}/`) && statSync(f).mtimeMs >= startedAt);
    assert.ok(captureFiles.length > 0, 'no capture file was written while demo traffic ran');
    const records = captureFiles.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { eventMetadata: { inferenceId?: string } }));
    assert.ok(records.length > 0, 'the capture files are empty');
    assert.ok(records.every((r) => typeof r.eventMetadata.inferenceId === 'string'), 'captured demo requests carry their inference ids');
  });

  it('runs the data-quality monitor now: its execution appears under the monitor with its violations, and no one-time monitor is left behind', async () => {
    const monitorName = demoFacts.scheduleNames[0];
    const demoEndpoint = [labelled(demoFacts.workspaceName), labelled(demoFacts.endpointName)] as const;
    const monitor = await rowAt(tree, ...demoEndpoint, labelled(monitorName));
    assert.ok(monitor, `no monitor ${monitorName}`);
    await vscode.commands.executeCommand('sagemakerModelMonitor.runMonitorNow', monitor.node);
    // The tree reloads: walk it from the root each time, as VS Code does.
    const isRunNow = (row: Row) => ((row.node as { execution?: { scheduleName?: string } }).execution?.scheduleName ?? '').startsWith(`${monitorName}-now-`);
    const execution = await waitFor('the run-now execution under its monitor, with its violation count', async () => {
      const monitorRow = await rowAt(tree, ...demoEndpoint, labelled(monitorName));
      const row = monitorRow && (await childrenOf(tree, monitorRow.node)).find(isRunNow);
      return row && /^\d+ violations?$/.test(row.description) ? row : undefined;
    });
    const count = Number.parseInt(execution.description, 10);
    assert.ok(count > 0, `expected violations, the row says "${execution.description}"`);
    const rows = await childrenOf(tree, execution.node);
    assert.equal(rows.length, count);
    // The last hour holds perturbed traffic with missing values.
    assert.ok(rows.some((r) => r.description === 'completeness_check'), `no completeness violation among ${rows.map((r) => `${r.label} ${r.description}`).join(', ')}`);
    const endpointRow = await rowAt(tree, ...demoEndpoint);
    assert.ok(endpointRow);
    const monitors = (await childrenOf(tree, endpointRow.node)).map((r) => r.label);
    assert.ok(!monitors.some((label) => label.startsWith(`${monitorName}-now-`)), `a one-time monitor was left behind: ${monitors.join(', ')}`);
  });
});

describe('A new user without a workspace', () => {
  it('opens the Abalone demo from the welcome view: it is built and appears as a connection with its endpoint', async function () {
    this.timeout(120_000);
    const tree = await endpointsTree();
    const before = await childrenOf(tree, undefined);
    await vscode.commands.executeCommand('sagemakerModelMonitor.openDemoWorkspace');
    const connections = await waitFor('a second connection', async () => {
      const rows = await childrenOf(tree, undefined);
      return rows.length > before.length ? rows : undefined;
    });
    const demos = connections.filter((c) => c.label === demoFacts.workspaceName);
    assert.equal(demos.length, 2, `expected the built-in demo beside the opened one; the tree shows ${connections.map((c) => c.label).join(', ')}`);
    assert.ok(demos.some((d) => d.description === 'Built-in demo'), 'the built demo is not labelled as the built-in demo');
    for (const demo of demos) {
      const endpoints = await childrenOf(tree, demo.node);
      assert.ok(endpoints.some((e) => e.label === demoFacts.endpointName), `${demo.label} (${demo.description}) has no ${demoFacts.endpointName}`);
    }
  });
});
