// Studio's endpoint-page actions from the tree and the palette, on both backends: stop, start and
// delete a schedule, read-only bias monitors, Copy ARN, Delete Endpoint, and the view's badge. The local
// tests add their own endpoint and monitor to the demo workspace, so the demo itself stays as it is.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { awsFacts } from '../harness/awsFacts';
import { demoFacts } from '../harness/demoFacts';
import { extensionId } from '../harness/paths';
import { LocalBackend } from '../../src/monitoring/local/localBackend';
import { isMonitoringError } from '../../src/monitoring/errors';
import { endpointsTree, labelled, rowAt, waitFor, type ExtensionApi, type Row } from './treeHelpers';

type Tree = vscode.TreeDataProvider<unknown>;

async function itemOf(tree: Tree, row: Row): Promise<vscode.TreeItem> {
  return tree.getTreeItem(row.node);
}

/** Waits for the row at `path` to have a description matching `pattern` (the tree reloads after each action). */
function rowWith(tree: Tree, what: string, path: ((label: string) => boolean)[], pattern: RegExp): Promise<Row> {
  return waitFor(what, async () => {
    const row = await rowAt(tree, ...path);
    return row && pattern.test(row.description) ? row : undefined;
  });
}

function gone(tree: Tree, what: string, path: ((label: string) => boolean)[]): Promise<true> {
  return waitFor(what, async () => ((await rowAt(tree, ...path)) ? undefined : true));
}

/** Runs a palette command that asks with a quick pick, accepting the first item once the list has loaded. */
async function runWithQuickPick(command: string): Promise<void> {
  let done = false;
  const run = Promise.resolve(vscode.commands.executeCommand(command)).finally(() => (done = true));
  for (let i = 0; i < 60 && !done; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  await run;
}

describe('Schedule and endpoint actions on a local workspace', () => {
  const endpointName = 'abalone-scratch';
  const scheduleName = 'abalone-scratch-data-quality';
  const biasName = 'abalone-scratch-bias';
  const demo = labelled(demoFacts.workspaceName);
  const endpointPath = [demo, labelled(endpointName)];
  let tree: Tree;
  let root: string;
  let backend: LocalBackend;

  before(async () => {
    tree = await endpointsTree();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'no workspace folder is open');
    root = folder;
    // A second endpoint serving the demo's model, with a copy of the demo's data-quality monitor.
    backend = new LocalBackend(root);
    const demoEndpoint = await backend.describeEndpoint(demoFacts.endpointName);
    const demoConfig = await backend.describeEndpointConfig(demoEndpoint.endpointConfigName);
    await backend.createEndpointConfig({ name: `${endpointName}-config`, variants: demoConfig.variants, ...(demoConfig.dataCapture ? { dataCapture: demoConfig.dataCapture } : {}) });
    await backend.createEndpoint(endpointName, `${endpointName}-config`);
    const demoSchedule = await backend.describeSchedule(demoFacts.scheduleNames[0]);
    const definition = await backend.describeJobDefinition(demoSchedule.jobDefinitionName ?? '', 'DataQuality');
    const { arn: _arn, creationTime: _created, ...copy } = definition;
    await backend.createJobDefinition({ ...copy, name: `${scheduleName}-definition`, input: { ...definition.input, endpointName } as typeof definition.input });
    const schedule = await backend.createSchedule({ name: scheduleName, type: 'DataQuality', jobDefinitionName: `${scheduleName}-definition`, schedule: demoSchedule.schedule });
    // A bias monitor, as one synced from an AWS account would be (the local backend cannot create one); stopped, so no scheduler tries it.
    const scheduleDoc = {
      MonitoringScheduleArn: schedule.arn.replace(scheduleName, biasName),
      MonitoringScheduleName: biasName,
      MonitoringScheduleStatus: 'Stopped',
      MonitoringType: 'ModelBias',
      EndpointName: endpointName,
      CreationTime: new Date().toISOString(),
      LastModifiedTime: new Date().toISOString(),
      MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: `${biasName}-definition`, MonitoringType: 'ModelBias' },
    };
    writeFileSync(join(backend.layout.documentDir('monitoring-schedules'), `${biasName}.json`), JSON.stringify(scheduleDoc, null, 2));
    await vscode.commands.executeCommand('sagemakerModelMonitor.refresh');
  });

  after(async () => {
    // Whatever a failed test left behind goes, so the other suites see the demo alone.
    for (const name of [scheduleName, biasName]) await backend.deleteSchedule(name).catch(() => undefined);
    await backend.deleteJobDefinition(`${scheduleName}-definition`, 'DataQuality').catch(() => undefined);
    await backend.deleteEndpoint(endpointName).catch(() => undefined);
    await vscode.commands.executeCommand('sagemakerModelMonitor.refresh');
  });

  it('stops a schedule from its row, then starts it again from the palette with a quick pick', async () => {
    const monitor = await rowWith(tree, 'the new monitor, Scheduled', [...endpointPath, labelled(scheduleName)], /^Scheduled · Data quality$/);
    assert.match(String((await itemOf(tree, monitor)).contextValue), /^monitor\.DataQuality\.Scheduled$/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.stopSchedule', monitor.node);
    const stopped = await rowWith(tree, 'the monitor Stopped', [...endpointPath, labelled(scheduleName)], /^Stopped\b/);
    assert.match(String((await itemOf(tree, stopped)).contextValue), /\.Stopped$/);
    assert.equal((await backend.describeSchedule(scheduleName)).status, 'Stopped');
    // From the palette the quick pick lists only stopped schedules that can be started: this one.
    await runWithQuickPick('sagemakerModelMonitor.startSchedule');
    await rowWith(tree, 'the monitor Scheduled again', [...endpointPath, labelled(scheduleName)], /^Scheduled\b/);
    assert.equal((await backend.describeSchedule(scheduleName)).status, 'Scheduled');
  });

  it('lists a bias monitor read-only, says why a local workspace cannot run it, and refuses to start it', async () => {
    const bias = await rowWith(tree, 'the bias monitor', [...endpointPath, labelled(biasName)], /read-only/);
    const item = await itemOf(tree, bias);
    assert.equal(item.contextValue, 'monitor.ModelBias.Stopped.readonly');
    assert.match(String(item.tooltip), /A local workspace cannot run bias monitors: they need SageMaker Clarify/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.startSchedule', bias.node);
    assert.equal((await backend.describeSchedule(biasName)).status, 'Stopped');
  });

  it('deletes a schedule and its job definition, keeping its reports', async () => {
    const monitor = await rowWith(tree, 'the new monitor', [...endpointPath, labelled(scheduleName)], /Data quality/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.deleteSchedule', monitor.node, { confirmed: true });
    await gone(tree, 'the deleted monitor to leave the tree', [...endpointPath, labelled(scheduleName)]);
    await assert.rejects(() => backend.describeJobDefinition(`${scheduleName}-definition`, 'DataQuality'), (e) => isMonitoringError(e) && e.kind === 'NotFound');
    assert.ok(await rowAt(tree, demo, labelled(demoFacts.endpointName), labelled(demoFacts.scheduleNames[0])), "the demo's own monitor is untouched");
  });

  it('copies an endpoint’s ARN', async () => {
    const endpoint = await rowWith(tree, 'the new endpoint', endpointPath, /InService/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.copyArn', endpoint.node);
    assert.equal(await vscode.env.clipboard.readText(), (await backend.describeEndpoint(endpointName)).arn);
  });

  it('deletes a served local endpoint: its server stops, its schedules go first, the endpoint last', async () => {
    const endpoint = await rowWith(tree, 'the new endpoint', endpointPath, /InService/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.startLocalEndpoint', endpoint.node);
    const serving = await rowWith(tree, 'the endpoint serving', endpointPath, /serving/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.deleteEndpoint', serving.node, { confirmed: true });
    await gone(tree, 'the deleted endpoint to leave the tree', endpointPath);
    await assert.rejects(() => backend.describeSchedule(biasName), (e) => isMonitoringError(e) && e.kind === 'NotFound');
    await assert.rejects(() => backend.describeEndpoint(endpointName), (e) => isMonitoringError(e) && e.kind === 'NotFound');
    assert.equal((await backend.describeEndpointConfig(`${endpointName}-config`)).name, `${endpointName}-config`, 'endpoint configs are kept');
    assert.ok(await rowAt(tree, demo, labelled(demoFacts.endpointName)), 'the demo endpoint is untouched');
  });
});

describe('Schedule and endpoint actions on an AWS connection', () => {
  const aws = labelled(awsFacts.profile);
  const churn = [aws, labelled(awsFacts.endpointName)];
  const fraud = [aws, labelled(awsFacts.cleanupEndpointName)];
  let tree: Tree;

  before(async () => {
    tree = await endpointsTree();
  });

  it('lists the bias monitor read-only with its execution', async () => {
    const bias = await rowWith(tree, 'the bias monitor', [...churn, labelled(awsFacts.biasScheduleName)], /^Scheduled · Bias · read-only$/);
    const item = await itemOf(tree, bias);
    assert.equal(item.contextValue, 'monitor.ModelBias.Scheduled.readonly.aws');
    assert.match(String(item.tooltip), /Bias monitors run SageMaker Clarify/);
    await rowWith(tree, 'the bias execution', [...churn, labelled(awsFacts.biasScheduleName), labelled(awsFacts.executionLabel)], /./);
  });

  it('stops a schedule, then starts it: Pending, then Scheduled without a refresh', async () => {
    const path = [...fraud, labelled(awsFacts.cleanupScheduleName)];
    const monitor = await rowWith(tree, 'the fraud monitor', path, /^Scheduled\b/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.stopSchedule', monitor.node);
    const stopped = await rowWith(tree, 'the fraud monitor Stopped', path, /^Stopped\b/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.startSchedule', stopped.node);
    await rowWith(tree, 'the fraud monitor Scheduled again (the tree follows the Pending schedule)', path, /^Scheduled\b/);
  });

  it('copies the ARN of an endpoint and of a monitor', async () => {
    const endpoint = await rowWith(tree, 'the fraud endpoint', fraud, /InService/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.copyArn', endpoint.node);
    assert.equal(await vscode.env.clipboard.readText(), `arn:aws:sagemaker:${awsFacts.region}:123456789012:endpoint/${awsFacts.cleanupEndpointName}`);
    const monitor = await rowWith(tree, 'the churn monitor', [...churn, labelled(awsFacts.scheduleName)], /./);
    await vscode.commands.executeCommand('sagemakerModelMonitor.copyArn', monitor.node);
    assert.equal(await vscode.env.clipboard.readText(), `arn:aws:sagemaker:${awsFacts.region}:123456789012:monitoring-schedule/${awsFacts.scheduleName}`);
  });

  it('counts the monitors whose latest execution found violations on the view’s badge', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    const view = (await extension?.activate())?.endpointsView;
    assert.ok(view, 'the extension does not expose its view');
    const badge = await waitFor('the badge to name the churn monitor', async () => (view.badge?.tooltip?.includes(awsFacts.scheduleName) ? view.badge : undefined));
    assert.ok(badge.value >= 1);
    assert.ok(!badge.tooltip?.includes(awsFacts.biasScheduleName), 'the bias monitor’s latest execution was clean');
  });

  it('deletes an endpoint: its schedule first, then the endpoint, which leaves the tree once SageMaker has deleted it', async () => {
    const endpoint = await rowWith(tree, 'the fraud endpoint', fraud, /InService/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.deleteEndpoint', endpoint.node, { confirmed: true });
    // No refresh: the tree follows the Deleting endpoint until SageMaker has deleted it.
    await gone(tree, 'the fraud endpoint to go (Deleting, then gone)', fraud);
    assert.ok(await rowAt(tree, ...churn), 'the other endpoint is untouched');
  });
});
