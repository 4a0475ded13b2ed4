// The JSON schemas the extension contributes (package.json contributes.jsonValidation): real SageMaker
// files and our local workspace's API documents pass, and the mistakes an editor should flag fail.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { LocalBackend } from '../../src/monitoring/local/localBackend';
import { goldenPath } from './support/fixtures';

const root = resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string[]; url: string }[] } };
const ajv = new Ajv({ allErrors: true, strict: false });

function validator(fileName: string): (document: unknown) => string[] {
  const entry = manifest.contributes.jsonValidation.find((v) => v.fileMatch.includes(fileName) || v.fileMatch.includes(`**/${fileName}`));
  assert.ok(entry, `no schema is contributed for ${fileName}`);
  const validate = ajv.compile(JSON.parse(readFileSync(join(root, entry.url), 'utf8')) as object);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('Contributed JSON schemas', () => {
  it('accept the analyzer’s real statistics, constraints and violations', () => {
    const statistics = validator('statistics.json');
    const constraints = validator('constraints.json');
    const violations = validator('constraint_violations.json');
    const cookbook = (file: string) => goldenPath('packt-sagemaker-cookbook-ch07', file);
    assert.deepEqual(statistics(json(cookbook('baseline_statistics.json'))), []);
    assert.deepEqual(statistics(json(cookbook('monitoring_statistics.json'))), []);
    assert.deepEqual(constraints(json(cookbook('baseline_constraints.json'))), []);
    assert.deepEqual(violations(json(cookbook('monitoring_constraint_violations.json'))), []);
  });

  it('flag the mistakes a person editing constraints makes', () => {
    const constraints = validator('constraints.json');
    const base = json(goldenPath('packt-sagemaker-cookbook-ch07', 'baseline_constraints.json')) as { features: Record<string, unknown>[]; monitoring_config?: Record<string, unknown> };
    const typo = structuredClone(base);
    typo.features[0].inferred_type = 'Integer';
    assert.match(constraints(typo).join('\n'), /inferred_type must be equal to one of the allowed values/);
    const completeness = structuredClone(base);
    completeness.features[0].completeness = 1.5;
    assert.match(constraints(completeness).join('\n'), /completeness must be <= 1/);
    assert.match(constraints({ version: 0 }).join('\n'), /must match a schema in anyOf/);
    assert.match(constraints({ version: 0, regression_constraints: { mae: { threshold: 1, comparison_operator: 'Bigger' } } }).join('\n'), /comparison_operator/);
  });

  it('accept the local workspace’s API documents and flag a sampling percentage over 100', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-schemas-'));
    const backend = new LocalBackend(dir);
    try {
      await backend.createEndpointConfig({
        name: 'schema-config',
        variants: [{ variantName: 'AllTraffic', initialInstanceCount: 1, instanceType: 'ml.m5.large', initialVariantWeight: 1 }],
        dataCapture: { enableCapture: true, initialSamplingPercentage: 50, destinationS3Uri: 's3://bucket/capture', captureModes: ['Input', 'Output'] },
      });
      await backend.createEndpoint('schema-ep', 'schema-config');
      const config = JSON.parse(await readFile(backend.layout.documentFile('endpoint-configs', 'schema-config'), 'utf8')) as { DataCaptureConfig: { InitialSamplingPercentage: number } };
      const endpoint = JSON.parse(await readFile(backend.layout.documentFile('endpoints', 'schema-ep'), 'utf8')) as unknown;
      const configSchema = ajv.compile(json(join(root, 'schemas', 'api-endpoint-config.schema.json')) as object);
      const endpointSchema = ajv.compile(json(join(root, 'schemas', 'api-endpoint.schema.json')) as object);
      assert.ok(configSchema(config), JSON.stringify(configSchema.errors));
      assert.ok(endpointSchema(endpoint), JSON.stringify(endpointSchema.errors));
      config.DataCaptureConfig.InitialSamplingPercentage = 140;
      assert.equal(configSchema(config), false);
    } finally {
      backend.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
