import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRuntime } from '../../../src/connections/localRuntime';
import { silentLogger } from '../../../src/monitoring/logger';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import { GradientBoostedTrees } from '../../../src/monitoring/local/regressionModel';

describe('LocalRuntime', () => {
  let root: string;
  let runtime: LocalRuntime;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mm-runtime-'));
    const backend = new LocalBackend(root);
    const model = GradientBoostedTrees.train(['a'], [[0], [1], [2], [3]], [0, 1, 2, 3], { rounds: 2 });
    await backend.createModel('m', model.toJSON());
    await backend.createEndpointConfig({ name: 'ep-config', variants: [{ variantName: 'AllTraffic', modelName: 'm' }] });
    await backend.createEndpoint('ep', 'ep-config');
    runtime = new LocalRuntime(root, backend, silentLogger, () => undefined);
  });
  afterEach(async () => {
    await runtime.stopAll();
    await rm(root, { recursive: true, force: true });
  });

  it('starts one server when the user starts an endpoint twice before the first start finishes', async () => {
    const [first, second] = await Promise.all([runtime.startEndpoint('ep'), runtime.startEndpoint('ep')]);
    assert.equal(second, first, 'both starts serve from the same server');
    assert.ok(runtime.isServing('ep'));
  });

  it('stops a server that was still starting when the workspace is closed', async () => {
    const starting = runtime.startEndpoint('ep');
    await runtime.stopAll();
    const url = await starting;
    assert.equal(runtime.isServing('ep'), false);
    await assert.rejects(fetch(url.replace(/\/endpoints\/.*$/, '/ping')), 'nothing listens any more');
  });
});
