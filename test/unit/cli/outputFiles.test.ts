/** Output files are all or nothing, even when the folder changes between the check and the move. */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PreparedOutput, withOutput } from '../../../src/monitoring/cli/outputFiles';
import { UsageError } from '../../../src/monitoring/cli/command';
import { tempDir } from '../analysis/modelQuality/support';

const FILES = [
  { name: 'statistics.json', text: 'new statistics' },
  { name: 'constraints.json', text: 'new constraints' },
];

describe('output files', () => {
  it('moves every file in when all are written, replacing old ones with --overwrite', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'statistics.json'), 'old statistics');
    const written = await withOutput(dir, ['statistics.json', 'constraints.json'], true, async () => FILES);
    assert.deepEqual(written, FILES.map((file) => join(dir, file.name)));
    assert.deepEqual(readdirSync(dir).sort(), ['constraints.json', 'statistics.json']);
    assert.equal(readFileSync(join(dir, 'statistics.json'), 'utf8'), 'new statistics');
  });

  it('puts back what it moved when a later move fails (a folder appeared where a file goes)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'statistics.json'), 'old statistics');
    const prepared = await PreparedOutput.prepare(dir, ['statistics.json', 'constraints.json'], true);
    mkdirSync(join(dir, 'constraints.json'));
    writeFileSync(join(dir, 'constraints.json', 'inside'), 'x');
    await assert.rejects(prepared.commit(FILES), (e: unknown) => e instanceof UsageError && /nothing was written/.test(e.message));
    assert.deepEqual(readdirSync(dir).sort(), ['constraints.json', 'statistics.json'], 'no staging folder is left');
    assert.equal(readFileSync(join(dir, 'statistics.json'), 'utf8'), 'old statistics');
    assert.deepEqual(readdirSync(join(dir, 'constraints.json')), ['inside']);
  });

  it('leaves nothing when the work fails, not even the folder it created', async () => {
    const dir = tempDir();
    const output = join(dir, 'a', 'b');
    await assert.rejects(
      withOutput(output, ['statistics.json'], false, async () => {
        throw new Error('the analysis failed');
      }),
      /the analysis failed/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});
