/** Folders of capture files are read in S3 key order; progress stays quiet for short runs. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandJsonlPaths } from '../../../src/monitoring/cli/inputPaths';
import { progressReporter } from '../../../src/monitoring/cli/progress';
import { tempDir } from '../analysis/modelQuality/support';

describe('model-monitor CLI: inputs and progress', () => {
  it('expands folders to their .jsonl files in S3 key order, keeping the order of the paths given', async () => {
    const root = tempDir();
    for (const file of ['2024/01/02/00/00-01-000-x.jsonl', '2024/01/01/23/59-59-999-y.jsonl', '2024/01/01/23/00-00-000-z.jsonl', '2024/01/01/23/notes.txt', 'B.jsonl', 'a.jsonl']) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
    const single = join(root, 'a.jsonl');
    const files = await expandJsonlPaths([single, root], 'captures');
    assert.deepEqual(files, [
      single,
      join(root, '2024/01/01/23/00-00-000-z.jsonl'),
      join(root, '2024/01/01/23/59-59-999-y.jsonl'),
      join(root, '2024/01/02/00/00-01-000-x.jsonl'),
      join(root, 'B.jsonl'),
      join(root, 'a.jsonl'),
    ]);
  });

  it('reports progress on stderr only after the first second, then at most once a second', () => {
    const lines: string[] = [];
    let clock = 0;
    const report = progressReporter({ out: () => {}, err: (text) => lines.push(text) }, 'Reading x', () => clock);
    report(10, 100);
    clock = 500;
    report(20, 100);
    clock = 1200;
    report(50e6, 200e6);
    clock = 1500;
    report(60e6, 200e6);
    clock = 2300;
    report(200e6, 200e6);
    assert.deepEqual(lines, ['Reading x: 25% (50.0 MB of 200.0 MB)\n', 'Reading x: 100% (200.0 MB of 200.0 MB)\n']);
  });
});
