// The extension in a workspace VS Code has not trusted (Restricted Mode): the runner opened the demo
// workspace with workspace trust on, never asking, and with the local scheduler setting left on.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { demoFacts } from '../../harness/demoFacts';
import { childrenOf, endpointsTree, waitFor } from '../treeHelpers';

/** Longer than the scheduler's poll (10 s): a trusted window would have run a NOW schedule by then. */
const SCHEDULER_POLLS_MS = 25_000;

describe('A local workspace opened in Restricted Mode', function () {
  this.timeout(120_000);

  it('is shown with "Restricted Mode: nothing runs", and a NOW schedule added to it does not run', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened the workspace trusted');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'no workspace folder is open');
    const tree = await endpointsTree();
    const demo = await waitFor('the demo workspace in the Endpoints tree', async () => (await childrenOf(tree, undefined)).find((c) => c.label === demoFacts.workspaceName));
    assert.match(demo.description, /Restricted Mode: nothing runs/, `the row says "${demo.description}"`);

    // A one-time schedule, as a cloned folder could carry it: in a trusted window it runs at the next poll.
    const schedules = join(root, 'api', 'monitoring-schedules');
    const template = JSON.parse(readFileSync(join(schedules, `${demoFacts.scheduleNames[0]}.json`), 'utf8')) as { MonitoringScheduleConfig: { ScheduleConfig: Record<string, string> } };
    const name = 'restricted-now';
    const now = {
      ...template,
      MonitoringScheduleName: name,
      MonitoringScheduleArn: `arn:aws:sagemaker:local:000000000000:monitoring-schedule/${name}`,
      MonitoringScheduleStatus: 'Scheduled',
      CreationTime: new Date().toISOString(),
      MonitoringScheduleConfig: { ...template.MonitoringScheduleConfig, ScheduleConfig: { ScheduleExpression: 'NOW', DataAnalysisStartTime: '-PT2H', DataAnalysisEndTime: '-PT0H' } },
    };
    writeFileSync(join(schedules, `${name}.json`), JSON.stringify(now, null, 2));
    await new Promise((resolve) => setTimeout(resolve, SCHEDULER_POLLS_MS));
    const executions = join(root, 'api', 'monitoring-executions', name);
    assert.equal(existsSync(executions), false, `the NOW schedule ran in Restricted Mode (${executions} exists)`);
  });
});
