/** Loads the baseline files a monitoring run is checked against, naming the flag and file on any problem. */
import { readFile } from 'node:fs/promises';
import { parseConstraints, type Constraints } from '../formats/constraints';
import { parseStatistics, type Statistics } from '../formats/statistics';
import { UsageError } from './command';

async function readText(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`--${option}: ${path} does not exist.`);
    if (code === 'EISDIR') throw new UsageError(`--${option}: ${path} is a folder; give the JSON file.`);
    throw e;
  }
}

/** A constraints.json; FormatError (exit 2) names the field when it is malformed. */
export async function loadConstraints(path: string, option = 'constraints'): Promise<Constraints> {
  return parseConstraints(await readText(path, option), path);
}

export async function loadStatistics(path: string, option = 'baseline-statistics'): Promise<Statistics> {
  return parseStatistics(await readText(path, option), path);
}
