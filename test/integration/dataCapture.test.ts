// Data capture from the Endpoints tree, on the demo workspace and on the emulated AWS account: the
// capture row under each endpoint, Enable/Update/Disable Data Capture (AWS: the endpoint goes
// Updating → InService and the command waits for it), and Browse Captured Data with its paged rows,
// malformed lines in place and "open the raw file at this line".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { awsFacts } from '../harness/awsFacts';
import { demoFacts } from '../harness/demoFacts';
import { endpointsTree, labelled, rowAt, waitFor, type Row } from './treeHelpers';

/** What the captured-data panel exposes to tests (src/panels/capturedDataPanel.ts). */
interface CapturedPanel {
  readonly shown?: { index: number; hasNext: boolean; read: number; complete: boolean; rows: { uri: string; line: number; file: string; time: string; inferenceId: string; input: string; output: string; problem?: string }[] };
  openRaw(uri: string, line: number): Promise<vscode.TextEditor | undefined>;
  showPage(index: number): Promise<void>;
  readonly panel: vscode.WebviewPanel;
}

interface EndpointResult {
  status: string;
  dataCapture?: { enableCapture: boolean; currentSamplingPercentage: number; destinationS3Uri: string };
}

async function captureRow(tree: vscode.TreeDataProvider<unknown>, connection: string, endpoint: string, description: RegExp): Promise<Row> {
  return waitFor(`the Data capture row of ${endpoint} saying ${description}`, async () => {
    const row = await rowAt(tree, labelled(connection), labelled(endpoint), labelled('Data capture'));
    return row && description.test(row.description) ? row : undefined;
  });
}

async function shownPage(panel: CapturedPanel): Promise<NonNullable<CapturedPanel['shown']>> {
  return waitFor('the first page of captured data', async () => panel.shown);
}

describe('Data capture on the demo workspace', () => {
  const demo = [demoFacts.workspaceName, demoFacts.endpointName] as const;

  it('shows capture as the endpoint’s first child, then updates, disables and re-enables it from its row', async () => {
    const tree = await endpointsTree();
    const row = await captureRow(tree, ...demo, /^On · 100% · in\+out$/);
    const updated = await vscode.commands.executeCommand<EndpointResult>('sagemakerModelMonitor.updateDataCapture', row.node, {
      samplingPercentage: 40,
      destinationS3Uri: 's3://model-monitor-demo/sagemaker-studio-book/chapter10/abalone/datacapture',
      captureModes: ['Input', 'Output'],
    });
    assert.equal(updated?.status, 'InService');
    await captureRow(tree, ...demo, /^On · 40%/);
    const endpoint = await rowAt(tree, ...demo.map(labelled));
    assert.match(endpoint?.description ?? '', /capture 40%/);

    await vscode.commands.executeCommand('sagemakerModelMonitor.disableDataCapture', row.node);
    const off = await captureRow(tree, ...demo, /^Off$/);
    await vscode.commands.executeCommand('sagemakerModelMonitor.enableDataCapture', off.node, {
      samplingPercentage: 100,
      destinationS3Uri: 's3://model-monitor-demo/sagemaker-studio-book/chapter10/abalone/datacapture',
      captureModes: ['Input', 'Output'],
      csvContentTypes: ['text/csv'],
      jsonContentTypes: ['application/json'],
    });
    await captureRow(tree, ...demo, /^On · 100% · in\+out$/);
  });

  it('refuses impossible settings passed to the command and changes nothing', async () => {
    const tree = await endpointsTree();
    const row = await captureRow(tree, ...demo, /^On · 100%/);
    const result = await vscode.commands.executeCommand('sagemakerModelMonitor.updateDataCapture', row.node, { samplingPercentage: 140, destinationS3Uri: 's3://model-monitor-demo/x', captureModes: ['Input'] });
    assert.equal(result, undefined);
    await captureRow(tree, ...demo, /^On · 100%/);
  });

  it('browses the last 24 hours of captured requests page by page and opens a record’s raw file at its line', async () => {
    const tree = await endpointsTree();
    const row = await captureRow(tree, ...demo, /^On/);
    const now = Date.now();
    const panel = await vscode.commands.executeCommand<CapturedPanel>('sagemakerModelMonitor.browseCapturedData', row.node, { start: new Date(now - 24 * 3_600_000), end: new Date(now + 1000) });
    assert.ok(panel, 'the command opened no panel');
    const page = await shownPage(panel);
    assert.equal(page.rows.length, 50, 'a full first page');
    assert.ok(page.hasNext, 'a day of demo traffic fills more than one page');
    const first = page.rows[0];
    assert.match(first.time, /^\d{4}-\d\d-\d\dT/);
    assert.ok(first.inferenceId.length > 0);
    assert.match(first.input, /^[^,]*(,[^,]*){7}$/, `eight abalone features in "${first.input}"`);
    assert.match(first.output, /^\d+(\.\d+)?/);
    assert.match(first.file, /^\d\d-\d\d-\d{3}-.*\.jsonl$/);
    await panel.showPage(1);
    const second = await waitFor('the second page', async () => (panel.shown?.index === 1 ? panel.shown : undefined));
    assert.notEqual(second.rows[0].inferenceId, first.inferenceId);
    const pick = second.rows[3];
    const editor = await panel.openRaw(pick.uri, pick.line);
    assert.ok(editor, 'the raw file did not open');
    assert.equal(editor.document.uri.scheme, 'sagemaker-monitor');
    assert.equal(editor.selection.active.line, pick.line - 1);
    assert.ok(editor.document.lineAt(pick.line - 1).text.includes(pick.inferenceId), 'the selected line is the record’s');
    panel.panel.dispose();
  });
});

describe('Data capture on an AWS connection', () => {
  const aws = [awsFacts.profile, awsFacts.endpointName] as const;

  it('updates capture: the endpoint goes Updating, the command waits until it is InService, the tree follows', async () => {
    const tree = await endpointsTree();
    const row = await captureRow(tree, ...aws, /^On · 50%/);
    const started = Date.now();
    const updated = await vscode.commands.executeCommand<EndpointResult>('sagemakerModelMonitor.updateDataCapture', row.node, {
      samplingPercentage: 20,
      destinationS3Uri: awsFacts.captureS3Uri,
      captureModes: ['Input', 'Output'],
    });
    assert.equal(updated?.status, 'InService');
    assert.equal(updated?.dataCapture?.currentSamplingPercentage, 20);
    assert.ok(Date.now() - started >= awsFacts.transitionMs - 500, 'the command returned before the endpoint left Updating');
    await captureRow(tree, ...aws, /^On · 20%/);
    const endpoint = await waitFor('the endpoint InService again', async () => {
      const r = await rowAt(tree, ...aws.map(labelled));
      return r && /^InService/.test(r.description) ? r : undefined;
    });
    assert.match(endpoint.description, /capture 20%/);
  });

  it('browses captured data from S3, showing a malformed line with its file and line among the records', async () => {
    const tree = await endpointsTree();
    const row = await captureRow(tree, ...aws, /^On/);
    const now = Date.now();
    const panel = await vscode.commands.executeCommand<CapturedPanel>('sagemakerModelMonitor.browseCapturedData', row.node, { start: new Date(now - 3_600_000 * 2), end: new Date(now + 1000) });
    assert.ok(panel);
    const page = await shownPage(panel);
    assert.deepEqual(
      page.rows.map((r) => [r.line, r.problem === undefined ? r.inferenceId : 'malformed']),
      [
        [1, awsFacts.capturedInferenceIds[0]],
        [2, 'malformed'],
        [3, awsFacts.capturedInferenceIds[1]],
      ],
    );
    assert.equal(page.complete, true);
    assert.match(page.rows[1].problem ?? '', new RegExp(`${page.rows[1].file}:2`));
    assert.equal(page.rows[0].input, '42,0,1,118.5');
    const editor = await panel.openRaw(page.rows[1].uri, 2);
    assert.ok(editor);
    assert.equal(editor.document.lineAt(1).text, '{"captureData": {');
    assert.equal(editor.selection.active.line, 1);
    panel.panel.dispose();
  });
});
