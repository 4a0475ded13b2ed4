import { strict as assert } from 'node:assert';
import { datasetColumns, splitCsvLine } from '../../../src/monitoring/wizard/datasetColumns';
import { defaultForm } from '../../../src/monitoring/wizard/monitorForm';
import { parseMonitorForm, parseWizardFromWebview, parseWizardState, parseWizardToWebview } from '../../../src/panels/scheduleWizardProtocol';

const form = defaultForm({ type: 'ModelQuality', target: 'local', endpointName: 'abalone-xgb-demo', now: new Date('2026-12-03T12:00:00Z') });

describe('Schedule wizard: messages and saved state are checked on arrival', () => {
  it('accepts a complete form and copies only its fields', () => {
    assert.deepEqual(parseMonitorForm({ ...form, extra: '<script>' }), form);
    assert.deepEqual(parseWizardFromWebview({ type: 'create', form }), { type: 'create', form });
    assert.deepEqual(parseWizardState({ connectionId: 'local:/w', form, step: 'baseline' }), { connectionId: 'local:/w', form, step: 'baseline' });
  });

  it('refuses a form with a missing field, a wrong type, an unknown choice or an oversized value', () => {
    const { roleArn: _dropped, ...missing } = form;
    assert.equal(parseMonitorForm(missing), undefined);
    assert.equal(parseMonitorForm({ ...form, instanceCount: 1 }), undefined);
    assert.equal(parseMonitorForm({ ...form, frequency: 'weekly' }), undefined);
    assert.equal(parseMonitorForm({ ...form, type: 'ModelBias' }), undefined);
    assert.equal(parseMonitorForm({ ...form, enableNetworkIsolation: 'true' }), undefined);
    assert.equal(parseMonitorForm({ ...form, scheduleName: 'x'.repeat(5000) }), undefined);
    assert.equal(parseWizardFromWebview({ type: 'create', form: { ...form, runsOn: 'elsewhere' } }), undefined);
    assert.equal(parseWizardFromWebview({ type: 'readColumns', location: 's3://b/k', format: 'parquet' }), undefined);
    assert.equal(parseWizardFromWebview({ type: 'eval', code: '1' }), undefined);
    assert.equal(parseWizardState({ connectionId: 'local:/w', form, step: 'finish' }), undefined);
  });

  it('checks every field of the form: any one dropped or of the wrong kind is refused', () => {
    for (const field of Object.keys(form) as (keyof typeof form)[]) {
      const { [field]: _dropped, ...without } = form;
      assert.equal(parseMonitorForm(without), undefined, `${field} dropped`);
      const wrong = typeof form[field] === 'boolean' ? 'yes' : typeof form[field] === 'string' ? 7 : null;
      assert.equal(parseMonitorForm({ ...form, [field]: wrong }), undefined, `${field} = ${String(wrong)}`);
    }
  });

  it('checks what the extension sends the webview too', () => {
    const context = { connectionId: 'c', connectionLabel: 'C', imageUri: '', endpoints: ['e'], roles: [], existingScheduleNames: [] };
    assert.deepEqual(parseWizardToWebview({ type: 'init', form, context, step: 'schedule' }), { type: 'init', form, context, step: 'schedule' });
    assert.equal(parseWizardToWebview({ type: 'init', form, context: { ...context, endpoints: [1] }, step: 'schedule' }), undefined);
    assert.deepEqual(parseWizardToWebview({ type: 'failed', step: 'baseline', message: 'm' }), { type: 'failed', step: 'baseline', message: 'm' });
    assert.deepEqual(parseWizardToWebview({ type: 'failed', step: 'schedule', message: 'm', offer: 'thisMachine' }), { type: 'failed', step: 'schedule', message: 'm', offer: 'thisMachine' });
    assert.equal(parseWizardToWebview({ type: 'failed', message: 'm', offer: 'elsewhere' }), undefined);
    assert.equal(parseWizardToWebview({ type: 'progress', step: 'deploy', message: 'm' }), undefined);
    assert.deepEqual(parseWizardToWebview({ type: 'columns', location: 's3://b/k', columns: ['Rings', 'Prediction'] }), { type: 'columns', location: 's3://b/k', columns: ['Rings', 'Prediction'] });
  });
});

describe('Schedule wizard: a dataset’s columns from its first line', () => {
  it('reads header names, header-less indices and JSON Lines fields', () => {
    assert.deepEqual(datasetColumns('Rings,Prediction', 'csvHeader'), ['Rings', 'Prediction']);
    assert.deepEqual(datasetColumns('15.0,9.8,1.0', 'csvNoHeader'), ['0', '1', '2']);
    assert.deepEqual(datasetColumns('{"label": 1, "prediction": 0.7}', 'jsonLines'), ['label', 'prediction']);
    assert.deepEqual(splitCsvLine('"a,b","say ""hi""",c'), ['a,b', 'say "hi"', 'c']);
    assert.throws(() => datasetColumns('Rings,Prediction', 'jsonLines'), /not a JSON object; is the format JSON Lines/);
  });
});
