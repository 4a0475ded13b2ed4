// The extension in a real VS Code (code-server), opened on the abalone demo workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoFacts } from '../harness/demoFacts';
import { extensionId } from '../harness/paths';
import { childrenOf, waitFor, type ExtensionApi } from './treeHelpers';

interface ContributedCommand {
  readonly command: string;
}

describe('The extension in VS Code, on the demo workspace', () => {
  let extension: vscode.Extension<ExtensionApi>;

  before(() => {
    const found = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(found, `VS Code does not know the extension ${extensionId}`);
    extension = found;
  });

  it('activates by itself because the workspace contains model-monitor-workspace.json', async () => {
    await waitFor('the extension to activate on opening the demo workspace', async () => (extension.isActive ? true : undefined), 20_000);
    assert.ok(extension.exports?.endpointsTree, 'activate() returned no endpointsTree');
  });

  it('registers every command its package.json contributes', async () => {
    await extension.activate();
    const contributed = (extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? [];
    assert.ok(contributed.some((c) => c.command === 'sagemakerModelMonitor.refresh'), 'no refresh command is contributed');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it("lists the demo workspace as a connection, with the demo's endpoint under it", async () => {
    const tree = (await extension.activate()).endpointsTree;
    const connections = await childrenOf(tree, undefined);
    const demo = connections.find((c) => c.label === demoFacts.workspaceName);
    assert.ok(demo, `no connection labelled ${demoFacts.workspaceName}; the tree shows: ${connections.map((c) => c.label).join(', ')}`);
    const endpoints = await childrenOf(tree, demo.node);
    assert.ok(
      endpoints.some((e) => e.label === demoFacts.endpointName),
      `no endpoint ${demoFacts.endpointName} under ${demoFacts.workspaceName}; it shows: ${endpoints.map((e) => e.label).join(', ')}`,
    );
  });

  it('still lists the demo workspace after the Refresh command', async () => {
    const tree = (await extension.activate()).endpointsTree;
    await vscode.commands.executeCommand('sagemakerModelMonitor.refresh');
    const connections = await childrenOf(tree, undefined);
    assert.ok(connections.some((c) => c.label === demoFacts.workspaceName), 'the demo workspace disappeared after Refresh');
  });
});
