import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ColumnProfile } from '../../../../src/monitoring/analysis/featureProfile';
import { HyperLogLogPlusPlus } from '../../../../src/monitoring/analysis/hyperLogLog';
import { classifyText } from '../../../../src/monitoring/analysis/typeInference';

/** A column profile fed cell texts one by one, as the readers feed it. */
function profileOf(texts: string[]): ColumnProfile {
  const column = new ColumnProfile(new Set(['M', '']));
  for (const text of texts) {
    const bytes = Buffer.from(`,${text},`);
    column.addCell(bytes, 1, bytes.length - 1);
  }
  return column;
}

describe('column profile: remembering recent values', () => {
  it('counts repeated values exactly as if each were classified, parsed and hashed afresh', () => {
    const cell = fc.oneof(fc.constantFrom('M', 'F', 'I', '0.455', '-0', '0', '1e3', 'true', '', 'é'), fc.integer({ min: 0, max: 3000 }).map((n) => String(n / 1000)));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 3000, size: 'max' }), (texts) => {
        const column = profileOf(texts);
        const distinct = new HyperLogLogPlusPlus();
        const typeCounts = [0, 0, 0, 0];
        let sum = 0;
        for (const text of texts) {
          distinct.update(text);
          const { type, value } = classifyText(text || ' ');
          typeCounts[text === '' ? 3 : type]++;
          if (text !== '' && value !== undefined) sum += value;
        }
        assert.equal(column.present, texts.length);
        assert.equal(column.distinct.estimate(), distinct.estimate());
        assert.deepEqual(column.typeCounts, typeCounts);
        assert.ok(Object.is(column.moments.count === 0 ? 0 : column.moments.sum, sum));
        assert.equal(column.knownValueCount, texts.filter((t) => t === 'M' || t === '').length);
      }),
      { numRuns: 60 },
    );
  });

  it('counts an empty string value as one distinct value (a JSON "" cell)', () => {
    assert.equal(profileOf(['', '']).distinct.estimate(), 1);
  });
});
