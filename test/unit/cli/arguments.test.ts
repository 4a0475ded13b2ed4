/** "PATH..." options take the bare values after them, as users type them. */
import assert from 'node:assert/strict';
import { parseArguments } from '../../../src/monitoring/cli/arguments';

const OPTIONS = { captures: { type: 'string', multiple: true }, 'ground-truth': { type: 'string', multiple: true }, output: { type: 'string' }, overwrite: { type: 'boolean' } } as const;

describe('model-monitor CLI: argument parsing', () => {
  it('collects several values after a multiple option, and repeated options too', () => {
    const parsed = parseArguments('analyze', ['--captures', 'a', 'b', '--ground-truth', 'g', '--captures=c', '--output', 'o', '--overwrite'], OPTIONS);
    assert.deepEqual(parsed.strings.get('captures'), ['a', 'b', 'c']);
    assert.deepEqual(parsed.strings.get('ground-truth'), ['g']);
    assert.deepEqual(parsed.strings.get('output'), ['o']);
    assert.ok(parsed.flags.has('overwrite'));
  });

  it('rejects stray values and a single-valued option given twice', () => {
    assert.throws(() => parseArguments('analyze', ['--output', 'o', 'extra'], OPTIONS), /unexpected argument "extra"/);
    assert.throws(() => parseArguments('analyze', ['--overwrite', 'x'], OPTIONS), /unexpected argument "x"/);
    assert.throws(() => parseArguments('analyze', ['--output', 'o', '--output', 'p'], OPTIONS), /--output was given more than once/);
  });
});
