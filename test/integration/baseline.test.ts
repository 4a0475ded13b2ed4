// Baselines from the Endpoints tree, on the demo workspace and on the emulated AWS account: Suggest
// Baseline from a local file or an S3 URI (statistics and constraints open side by side), Open Baseline
// Statistics / Constraints of a monitor, and Edit Constraints, whose save validates with our parser,
// writes back to the same place and keeps the previous version as constraints.json.bak-<UTC time>.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { awsFacts } from '../harness/awsFacts';
import { demoFacts } from '../harness/demoFacts';
import { endpointsTree, labelled, rowAt, waitFor } from './treeHelpers';

interface SuggestedBaseline {
  statisticsUri: string;
  constraintsUri: string;
  rows: number;
  columns: number;
}

/** The editors showing a baseline's two files, once both are open. */
async function baselineEditors(result: SuggestedBaseline): Promise<{ statistics: vscode.TextEditor; constraints: vscode.TextEditor }> {
  return waitFor('statistics and constraints open side by side', async () => {
    const editors = vscode.window.visibleTextEditors;
    const statistics = editors.find((e) => e.document.uri.scheme === 'sagemaker-monitor' && `s3:/${e.document.uri.path}` === result.statisticsUri);
    const constraints = editors.find((e) => e.document.uri.scheme === 'sagemaker-monitor-edit' && `s3:/${e.document.uri.path}` === result.constraintsUri);
    return statistics && constraints && statistics.viewColumn !== constraints.viewColumn ? { statistics, constraints } : undefined;
  });
}

/**
 * Replaces the whole document's text and saves it; resolves to whether the save succeeded. On a
 * loaded machine VS Code aborts a save whose onWillSave participants take over 1.75 s (the log says
 * "Aborted onWillSaveTextDocument-event"), leaving the document dirty: such a save is tried again.
 * A save our file system refused fails the same way every time, so it is still reported.
 */
async function replaceAndSave(document: vscode.TextDocument, text: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  for (let attempt = 1; ; attempt++) {
    if (await document.save()) return true;
    if (attempt === 3 || !document.isDirty) return false;
  }
}

async function withoutConfirmation<T>(run: () => Promise<T>): Promise<T> {
  const settings = vscode.workspace.getConfiguration('sagemakerModelMonitor');
  await settings.update('confirmConstraintsChanges', false, vscode.ConfigurationTarget.Global);
  await waitFor('the setting to reach the extension', async () => (vscode.workspace.getConfiguration('sagemakerModelMonitor').get('confirmConstraintsChanges') === false ? true : undefined));
  try {
    return await run();
  } finally {
    await settings.update('confirmConstraintsChanges', undefined, vscode.ConfigurationTarget.Global);
  }
}

/** The backups a save made at a time in [before, after] may have: one name per second. */
function backupCandidates(uri: vscode.Uri, before: number, after: number): vscode.Uri[] {
  const out: vscode.Uri[] = [];
  for (let t = Math.floor(before / 1000) * 1000; t <= after; t += 1000) {
    const stamp = new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    out.push(uri.with({ scheme: 'sagemaker-monitor', path: `${uri.path}.bak-${stamp}` }));
  }
  return out;
}

async function existingBackup(candidates: vscode.Uri[]): Promise<vscode.Uri | undefined> {
  for (const c of candidates) {
    try {
      await vscode.workspace.fs.stat(c);
      return c;
    } catch {
      // not this second
    }
  }
  return undefined;
}

describe('Baselines on the demo workspace', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'mm-baseline-it-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('suggests a baseline from a local CSV file and opens statistics and constraints side by side', async () => {
    const tree = await endpointsTree();
    const endpoint = await rowAt(tree, labelled(demoFacts.workspaceName), labelled(demoFacts.endpointName));
    assert.ok(endpoint);
    const dataset = join(folder, 'train.csv');
    writeFileSync(dataset, 'length,diameter,sex\n0.455,0.365,M\n0.35,0.265,M\n0.53,0.42,F\n0.44,,I\n');
    const result = await vscode.commands.executeCommand<SuggestedBaseline>('sagemakerModelMonitor.suggestBaseline', endpoint.node, {
      dataset: { kind: 'file', path: dataset },
      format: 'csv',
      header: true,
      outputUri: 's3://model-monitor-demo/integration/suggested',
    });
    assert.ok(result, 'no baseline was suggested');
    assert.deepEqual([result.rows, result.columns], [4, 3]);
    const { statistics, constraints } = await baselineEditors(result);
    assert.equal((JSON.parse(statistics.document.getText()) as { dataset: { item_count: number } }).dataset.item_count, 4);
    const features = (JSON.parse(constraints.document.getText()) as { features: { name: string }[] }).features.map((f) => f.name);
    assert.deepEqual(features, ['length', 'diameter', 'sex']);
    // The files are where the workspace keeps S3: under s3/<bucket>/<key>.
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(readFileSync(join(root, 's3', 'model-monitor-demo', 'integration', 'suggested', 'constraints.json'), 'utf8').includes('"length"'));
  });

  it('edits constraints: an invalid save is refused and changes nothing, a valid one writes back and keeps a .bak copy', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const file = join(root, 's3', 'model-monitor-demo', 'integration', 'suggested', 'constraints.json');
    const before = readFileSync(file, 'utf8');
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'sagemaker-monitor-edit' && e.document.uri.path.endsWith('/integration/suggested/constraints.json'));
    assert.ok(editor, 'the suggested constraints are not open for editing');
    const document = editor.document;
    await withoutConfirmation(async () => {
      const invalid = before.replace('"Fractional"', '"Decimal"');
      assert.notEqual(invalid, before);
      assert.equal(await replaceAndSave(document, invalid), false, 'an invalid constraints file was saved');
      assert.equal(readFileSync(file, 'utf8'), before, 'the refused save changed the file');
      assert.ok(document.isDirty, 'the refused edit is still in the editor');
      const valid = JSON.stringify({ ...(JSON.parse(before) as object), monitoring_config: { evaluate_constraints: 'Enabled', emit_metrics: 'Disabled' } }, null, 2);
      const t0 = Date.now();
      assert.equal(await replaceAndSave(document, valid), true, 'the valid constraints were not saved');
      const backup = await existingBackup(backupCandidates(document.uri, t0, Date.now()));
      assert.ok(backup, 'no constraints.json.bak-<UTC time> beside the saved file');
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(backup)).toString('utf8'), before, 'the backup is the previous version');
    });
    assert.match(readFileSync(file, 'utf8'), /"emit_metrics" : "Disabled"|"emit_metrics": "Disabled"/);
  });

  it('opens a monitor’s baseline statistics and constraints', async () => {
    const tree = await endpointsTree();
    const monitor = await rowAt(tree, labelled(demoFacts.workspaceName), labelled(demoFacts.endpointName), labelled(demoFacts.scheduleNames[0]));
    assert.ok(monitor);
    const statistics = await vscode.commands.executeCommand<vscode.TextEditor>('sagemakerModelMonitor.openBaselineStatistics', monitor.node);
    assert.ok(statistics);
    assert.match(statistics.document.uri.path, /data-quality-output\/baseline\/statistics\.json$/);
    assert.equal(statistics.document.languageId, 'json');
    assert.ok((JSON.parse(statistics.document.getText()) as { features: unknown[] }).features.length >= 8);
    const constraints = await vscode.commands.executeCommand<vscode.TextEditor>('sagemakerModelMonitor.openBaselineConstraints', monitor.node);
    assert.ok(constraints);
    assert.equal(constraints.document.uri.scheme, 'sagemaker-monitor', 'Open Baseline Constraints is read-only; Edit Constraints edits');
    assert.match(constraints.document.getText(), /"features"/);
  });
});

describe('Baselines on an AWS connection', () => {
  it('suggests a baseline from an S3 dataset into S3, then edits its constraints in S3 with a backup beside them', async () => {
    const tree = await endpointsTree();
    const endpoint = await rowAt(tree, labelled(awsFacts.profile), labelled(awsFacts.endpointName));
    assert.ok(endpoint);
    const outputUri = 's3://model-monitor-integration/baselines/churn';
    const result = await vscode.commands.executeCommand<SuggestedBaseline>('sagemakerModelMonitor.suggestBaseline', endpoint.node, {
      dataset: { kind: 's3', uri: awsFacts.datasetS3Uri },
      format: 'csv',
      header: true,
      outputUri,
    });
    assert.ok(result);
    assert.deepEqual([result.rows, result.columns], [4, 3]);
    assert.equal(result.constraintsUri, `${outputUri}/constraints.json`);
    const { constraints } = await baselineEditors(result);
    const before = constraints.document.getText();
    const edited = JSON.stringify({ ...(JSON.parse(before) as object), monitoring_config: { evaluate_constraints: 'Disabled' } }, null, 2);
    const t0 = Date.now();
    await withoutConfirmation(async () => {
      const saved = await replaceAndSave(constraints.document, edited);
      const stat = await vscode.workspace.fs.stat(constraints.document.uri).then((s) => JSON.stringify(s), (e: unknown) => String(e));
      assert.equal(saved, true, `not saved (dirty: ${constraints.document.isDirty}, closed: ${constraints.document.isClosed}, stat: ${stat}, uri: ${constraints.document.uri.toString()})`);
    });
    const backup = await existingBackup(backupCandidates(constraints.document.uri, t0, Date.now()));
    assert.ok(backup, 'no backup beside the constraints in S3');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(backup)).toString('utf8'), before);
    const reread = Buffer.from(await vscode.workspace.fs.readFile(constraints.document.uri.with({ scheme: 'sagemaker-monitor' }))).toString('utf8');
    assert.match(reread, /"evaluate_constraints" ?: ?"Disabled"/);
  });

  it('refuses a second suggestion into the same folder rather than overwrite it', async () => {
    const tree = await endpointsTree();
    const endpoint = await rowAt(tree, labelled(awsFacts.profile), labelled(awsFacts.endpointName));
    const result = await vscode.commands.executeCommand('sagemakerModelMonitor.suggestBaseline', endpoint?.node, {
      dataset: { kind: 's3', uri: awsFacts.datasetS3Uri },
      format: 'csv',
      header: true,
      outputUri: 's3://model-monitor-integration/baselines/churn',
    });
    assert.equal(result, undefined);
  });
});
