// An AWS connection in the tree: the extension's AWS backend, through the real SDK clients and an AWS
// profile, against our SageMaker-protocol server and moto's S3 (started by the harness, with one
// monitored endpoint whose execution found a violation).
import * as assert from 'node:assert/strict';
import { awsFacts } from '../harness/awsFacts';
import { childrenOf, endpointsTree, labelled, rowAt, waitFor } from './treeHelpers';

describe('An AWS connection (profile + region) in the Endpoints tree', () => {
  it('lists the account’s endpoint with its data capture, its monitor, the execution’s violation count and the violation', async () => {
    const tree = await endpointsTree();
    const endpointPath = [labelled(awsFacts.profile), labelled(awsFacts.endpointName)] as const;
    const endpoint = await waitFor('the endpoint described with its capture settings', async () => {
      const row = await rowAt(tree, ...endpointPath);
      return row && /capture 50%/.test(row.description) ? row : undefined;
    });
    assert.match(endpoint.description, /^InService/);
    const execution = await waitFor('the execution with its violation count', async () => {
      const row = await rowAt(tree, ...endpointPath, labelled(awsFacts.scheduleName), labelled(awsFacts.executionLabel));
      return row && /^1 violation$/.test(row.description) ? row : undefined;
    });
    const violations = await childrenOf(tree, execution.node);
    assert.deepEqual(
      violations.map((v) => [v.label, v.description]),
      [['science', 'data_type_check']],
    );
  });
});
