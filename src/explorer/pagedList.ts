import type { Page, PageRequest } from '../monitoring/model';

/**
 * The items of a paged API list loaded so far, for a tree node that shows them with a "Load more" row.
 * Loading the first page again (a refresh) forgets the rest.
 */
export class PagedList<T> {
  private items: T[] = [];
  private nextToken: string | undefined;
  private loaded = false;
  /** Bumped by each first-page load: a "Load more" answer from before a refresh belongs to the old list. */
  private generation = 0;
  private loadingFirst: Promise<readonly T[]> | undefined;
  /** The "Load more" in flight: a second click waits for it instead of fetching (and appending) the same page again. */
  private loadingMore: Promise<void> | undefined;

  constructor(private readonly fetchPage: (request: PageRequest) => Promise<Page<T>>) {}

  get all(): readonly T[] {
    return this.items;
  }

  get hasMore(): boolean {
    return this.nextToken !== undefined;
  }

  async first(): Promise<readonly T[]> {
    const generation = ++this.generation;
    const page = await this.fetchPage({});
    if (generation === this.generation) {
      this.items = page.items;
      this.nextToken = page.nextToken;
      this.loaded = true;
    }
    return this.items;
  }

  /** The items loaded so far, loading the first page (once, however many ask) if nothing has been loaded yet. */
  async current(): Promise<readonly T[]> {
    if (this.loaded) return this.items;
    this.loadingFirst ??= this.first().finally(() => (this.loadingFirst = undefined));
    return this.loadingFirst;
  }

  more(): Promise<void> {
    this.loadingMore ??= this.loadMore().finally(() => (this.loadingMore = undefined));
    return this.loadingMore;
  }

  private async loadMore(): Promise<void> {
    if (!this.nextToken) return;
    const generation = this.generation;
    const page = await this.fetchPage({ nextToken: this.nextToken });
    if (generation !== this.generation) return;
    this.items = [...this.items, ...page.items];
    this.nextToken = page.nextToken;
  }

  reset(): void {
    this.loaded = false;
    this.generation++;
    this.loadingFirst = undefined;
    this.loadingMore = undefined;
  }
}
