import type { Page, PageRequest } from '../monitoring/model';

/**
 * The items of a paged API list loaded so far, for a tree node that shows them with a "Load more" row.
 * Loading the first page again (a refresh) forgets the rest.
 */
export class PagedList<T> {
  private items: T[] = [];
  private nextToken: string | undefined;
  private loaded = false;

  constructor(private readonly fetchPage: (request: PageRequest) => Promise<Page<T>>) {}

  get all(): readonly T[] {
    return this.items;
  }

  get hasMore(): boolean {
    return this.nextToken !== undefined;
  }

  async first(): Promise<readonly T[]> {
    const page = await this.fetchPage({});
    this.items = page.items;
    this.nextToken = page.nextToken;
    this.loaded = true;
    return this.items;
  }

  /** The items loaded so far, loading the first page if nothing has been loaded yet. */
  async current(): Promise<readonly T[]> {
    return this.loaded ? this.items : this.first();
  }

  async more(): Promise<void> {
    if (!this.nextToken) return;
    const page = await this.fetchPage({ nextToken: this.nextToken });
    this.items = [...this.items, ...page.items];
    this.nextToken = page.nextToken;
  }

  reset(): void {
    this.loaded = false;
  }
}
