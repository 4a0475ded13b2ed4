// An AWS endpoint with data capture and no Model Monitor schedule (the harness's emulated account):
// Analyze Locally opens an execution report; a monitor refused by SageMaker runs on this machine
// instead, with what was typed; a this-machine monitor runs its hour and its execution is in the tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO } from '../../src/monitoring/demo/demoScenario';
import { awsFacts } from '../harness/awsFacts';
import { childrenOf, endpointsTree, labelled, rowAt, waitFor, type Row } from './treeHelpers';

const HOUR_MS = 3_600_000;
const baseline = { statisticsS3Uri: `${DEMO.dataQuality.baselineUri}/statistics.json`, constraintsS3Uri: `${DEMO.dataQuality.baselineUri}/constraints.json` };

async function endpointRow(tree: vscode.TreeDataProvider<unknown>): Promise<Row> {
  return waitFor('the capture-only AWS endpoint, described', async () => {
    const row = await rowAt(tree, labelled(awsFacts.profile), labelled(awsFacts.captureOnlyEndpointName));
    return row && /capture 100%/.test(row.description) ? row : undefined;
  });
}

function reportTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label)).filter((label) => label.startsWith('Report: '));
}

describe('Analyze Locally and monitors on this machine for an AWS endpoint', () => {
  it('analyses the capture of an endpoint without any schedule and opens the execution report', async () => {
    const tree = await endpointsTree();
    const endpoint = await endpointRow(tree);
    const end = new Date();
    const result = (await vscode.commands.executeCommand('sagemakerModelMonitor.analyzeLocally', endpoint.node, {
      start: new Date(end.getTime() - 3 * HOUR_MS).toISOString(),
      end: end.toISOString(),
      type: 'DataQuality',
      baseline,
      outputS3Uri: 's3://this-machine/reports',
    })) as { scheduleName: string; status: string; failureReason?: string } | undefined;
    assert.ok(result, 'the command ran');
    assert.match(result.status, /^Completed/, result.failureReason);
    await waitFor('the report panel', async () => (reportTabs().some((label) => label.startsWith(`Report: ${result.scheduleName}`)) ? true : undefined));

    const monitor = await waitFor('the analysis as a this-machine monitor under the endpoint', async () => {
      const rows = await childrenOf(tree, (await endpointRow(tree)).node);
      return rows.find((row) => row.label === result.scheduleName && / · this machine$/.test(row.description));
    });
    const executions = await childrenOf(tree, monitor.node);
    assert.equal(executions.length, 1);
    assert.match(executions[0].description, /violation|no violations|Completed/i);
  });

  it('offers this machine when SageMaker refuses the monitor, keeping what was entered, and runs it', async () => {
    const tree = await endpointsTree();
    const endpoint = await endpointRow(tree);
    const where = await vscode.commands.executeCommand('sagemakerModelMonitor.createMonitor', endpoint.node, {
      runsOn: 'sagemaker',
      name: awsFacts.refusedMonitorName,
      type: 'DataQuality',
      ...baseline,
      outputS3Uri: `s3://${DEMO.captureUri.split('/')[2]}/this-machine-reports`,
      roleArn: 'arn:aws:iam::123456789012:role/ModelMonitorRole',
      ifRefused: 'thisMachine',
    });
    assert.equal(where, 'thisMachine');
    const monitor = await waitFor('the refused monitor, now on this machine', async () => {
      const rows = await childrenOf(tree, (await endpointRow(tree)).node);
      return rows.find((row) => row.label === awsFacts.refusedMonitorName);
    });
    assert.match(monitor.description, /\bScheduled\b/);
    assert.match(monitor.description, /Data quality/);
    assert.match(monitor.description, / · this machine$/);

    // Run Now: a one-time run over the last hour, which holds the demo's latest traffic.
    await vscode.commands.executeCommand('sagemakerModelMonitor.runMonitorNow', monitor.node);
    const execution = await waitFor(
      'the this-machine run with its outcome in the tree',
      async () => {
        // The run's execution is listed under the monitor (or under its one-time schedule while that exists).
        for (const row of await childrenOf(tree, (await endpointRow(tree)).node)) {
          if (!row.label.startsWith(awsFacts.refusedMonitorName)) continue;
          const done = (await childrenOf(tree, row.node)).find((e) => /UTC/.test(e.label) && e.description !== '' && !/InProgress|Pending/.test(e.description));
          if (done) return done;
        }
        return undefined;
      },
      60_000,
    );
    assert.doesNotMatch(execution.description, /Failed/);
  });
});
