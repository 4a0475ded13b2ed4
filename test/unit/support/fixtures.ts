// Where the tests find their fixtures: inside the project, so that any clone runs them.
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');

/** Real outputs of SageMaker's analyzer with their inputs (test/fixtures/golden; each case has a SOURCE.md). */
export const GOLDEN_DIR = join(repoRoot, 'test', 'fixtures', 'golden');

/** The UCI abalone data the demo is built from (media/data, CC BY 4.0). */
export const ABALONE_DATA = join(repoRoot, 'media', 'data', 'abalone.data');

export const goldenPath = (...parts: string[]): string => join(GOLDEN_DIR, ...parts);
