import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connectionRegistry';
import { errorMessage } from '../explorer/format';

export interface PickedEndpoint {
  connection: Connection;
  endpointName: string;
}

/**
 * For a command run from the palette: a quick pick of the endpoints of every connection (the first
 * 100 of each, as the tree's first page), grouped by connection. Undefined when the user cancels.
 */
export async function pickEndpoint(registry: ConnectionRegistry, placeHolder: string): Promise<PickedEndpoint | undefined> {
  type Item = vscode.QuickPickItem & { target?: PickedEndpoint };
  const load = async (): Promise<Item[]> => {
    const groups = await Promise.all(
      registry.connections.map(async (connection): Promise<Item[]> => {
        const header: Item = { label: connection.label, kind: vscode.QuickPickItemKind.Separator };
        try {
          const page = await connection.backend.listEndpoints({ maxResults: 100 });
          if (page.items.length === 0) return [header, { label: '$(info) No endpoints', description: connection.description }];
          return [header, ...page.items.map((e) => ({ label: e.name, description: e.status, detail: connection.description, target: { connection, endpointName: e.name } }))];
        } catch (e) {
          return [header, { label: `$(error) ${errorMessage(e)}`, description: connection.description }];
        }
      }),
    );
    return groups.flat();
  };
  const choice = await vscode.window.showQuickPick(load(), { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return choice?.target;
}
