import type { ExplorerContext, ExplorerNode } from '../explorerNode';
import type { PagedList } from '../pagedList';
import { errorMessage } from '../format';
import { LoadMoreNode, MessageNode } from './messageNode';

/**
 * The children of a node that lists a paged API result: one row per item, a "Load more…" row while
 * there are more pages, a message when the list is empty, and the error (also logged) when listing fails.
 */
export async function pagedChildren<T>(
  parent: ExplorerNode,
  list: PagedList<T>,
  context: ExplorerContext,
  options: { toNode: (item: T) => ExplorerNode; empty: string; what: string },
): Promise<ExplorerNode[]> {
  try {
    const items = await list.current();
    if (items.length === 0) return [new MessageNode(`${parent.id}/empty`, options.empty)];
    const nodes = items.map(options.toNode);
    if (list.hasMore) {
      nodes.push(
        new LoadMoreNode(`${parent.id}/more`, async () => {
          await list.more();
          context.refresh(parent);
        }),
      );
    }
    return nodes;
  } catch (e) {
    context.log.error(`Listing ${options.what} failed: ${errorMessage(e)}`);
    return [new MessageNode(`${parent.id}/error`, errorMessage(e), 'error')];
  }
}
