/**
 * Runs the tree's follow-up work (describing endpoints, counting violations) a few at a time, so a page
 * of 50 rows does not fire 50 API calls at once and the rows fill in as answers arrive.
 */
export class BackgroundQueue {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];

  constructor(private readonly limit: number) {}

  add(task: () => Promise<void>): void {
    this.waiting.push(task);
    this.next();
  }

  private next(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      const task = this.waiting.shift() as () => Promise<void>;
      this.running++;
      void task()
        .catch(() => undefined) // each task reports its own failure on its row
        .finally(() => {
          this.running--;
          this.next();
        });
    }
  }
}
