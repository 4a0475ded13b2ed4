/**
 * Benchmark of the data-quality monitoring run against Python peers (method as in the peer benchmark notes: same seeded files, medians over rounds).
 *
 *   npx tsx scripts/bench/analyzer.ts [--sizes 10,100,1000] [--rounds 3]
 *
 * 1. Generates seeded abalone-like capture files (one JSONL file per hour, ~460 bytes per record,
 *    9 columns with 5 % missing values and a little type noise) into .cache/bench/s<MB>/ (git-ignored),
 *    plus a baseline from clean rows of the same generator.
 * 2. Builds dist/ (`npm run build`): what is timed is the CLI a user runs, `node dist/cli.js analyze`.
 * 3. Runs, each as its own process, timed around the process (startup included) with peak RSS from
 *    /usr/bin/time: our monitoring run with 1 and 2 workers (writing statistics.json,
 *    constraint_violations.json), the Node newline-count floor, DuckDB from npm (\`@duckdb/node-api\`,
 *    2 threads) and the Python peers (DuckDB, polars, pandas) when .cache/bench/venv already has them;
 *    for sizes up to 100 MB, when moto is installed, the same files read from moto's S3 on loopback
 *    (listed, then downloaded an hour at a time with 8 requests in flight while the previous hour is analysed).
 * 4. Prints MB/s, rows/s and peak RSS per tool (median wall time over rounds) and our ratio to each.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { defaultWorkers } from '../../src/monitoring/analysis/parallel';
import { mapWithConcurrency } from '../../src/monitoring/concurrency';
import { seededRandom } from '../../src/monitoring/random';
import { startMotoServer, type MotoServer } from '../../test/servers/motoServer';

const root = resolve(__dirname, '../..');
const cacheDir = join(root, '.cache/bench');
const args = process.argv.slice(2);
const argValue = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const sizes = argValue('--sizes', '10,100,1000').split(',').map(Number);
const rounds = Number(argValue('--rounds', '3'));

// ---------------------------------------------------------------------------------------------------
// Data

const NUMERIC_RANGES: [number, number, number][] = [
  [0.075, 0.815, 3],
  [0.055, 0.65, 3],
  [0.0, 0.25, 3],
  [0.002, 2.8255, 4],
  [0.001, 1.488, 4],
  [0.0005, 0.76, 4],
  [0.0015, 1.005, 4],
];

/** One row of 8 inputs (Sex + 7 numbers) and a prediction, with the notes' noise. */
function row(next: () => number, clean: boolean): { output: string; input: string } {
  const cell = (text: string): string => (!clean && next() < 0.05 ? '' : text);
  let sex = ['M', 'F', 'I'][Math.floor(next() * 3)];
  if (!clean && next() < 0.001) sex = sex.toLowerCase();
  const numbers = NUMERIC_RANGES.map(([low, high, decimals]) => {
    let x = low + next() * (high - low);
    if (!clean) {
      const r = next();
      if (r < 0.002) return cell(String(Math.round(x)));
      if (r < 0.003) return cell(x.toExponential(3));
      if (r < 0.0035) x *= 10;
    }
    return cell(x.toFixed(decimals));
  });
  const prediction = 3 + next() * 20;
  return { output: cell(String(prediction)), input: [cell(sex), ...numbers].join(',') };
}

function captureRecord(r: { output: string; input: string }, time: string, id: number): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: r.input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: r.output, encoding: 'CSV' },
    },
    eventMetadata: { eventId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`, inferenceId: `${id}`, inferenceTime: time },
    eventVersion: '0',
  });
}

const FILES_PER_SIZE: Record<number, number> = { 10: 24, 100: 72, 1000: 240 };

function generate(sizeMb: number): { dir: string; files: string[]; rows: number; bytes: number } {
  const dir = join(cacheDir, `s${sizeMb}`);
  const marker = join(dir, 'done.json');
  if (!existsSync(marker)) {
    const next = seededRandom(sizeMb);
    const fileCount = FILES_PER_SIZE[sizeMb] ?? Math.max(1, Math.round(sizeMb / 4));
    const bytesPerFile = (sizeMb * 1e6) / fileCount;
    let id = 0;
    for (let f = 0; f < fileCount; f++) {
      const day = 1 + Math.floor(f / 24);
      const hour = f % 24;
      const folder = join(dir, 'AllTraffic/2022/01', String(day).padStart(2, '0'), String(hour).padStart(2, '0'));
      mkdirSync(folder, { recursive: true });
      const lines: string[] = [];
      let size = 0;
      while (size < bytesPerFile) {
        const time = `2022-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00Z`;
        const line = captureRecord(row(next, false), time, id++);
        lines.push(line);
        size += line.length + 1;
      }
      writeFileSync(join(folder, `capture-${f}.jsonl`), lines.join('\n') + '\n');
    }
    writeFileSync(marker, JSON.stringify({ rows: id }));
  }
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.jsonl')) files.push(path);
    }
  };
  walk(join(dir, 'AllTraffic'));
  const rows = (JSON.parse(execFileSync('cat', [marker], { encoding: 'utf8' })) as { rows: number }).rows;
  return { dir, files, rows, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) };
}

function baselineCsv(): string {
  const path = join(cacheDir, 'baseline.csv');
  if (!existsSync(path)) {
    const next = seededRandom(1);
    const lines = ['prediction,Sex,Length,Diameter,Height,WholeWeight,ShuckedWeight,VisceraWeight,ShellWeight'];
    for (let i = 0; i < 4000; i++) {
      const r = row(next, true);
      lines.push(`${r.output},${r.input}`);
    }
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(path, lines.join('\n') + '\n');
  }
  return path;
}

// ---------------------------------------------------------------------------------------------------
// Our analyzer: the built CLI, as a user runs it

const cli = join(root, 'dist', 'cli.js');

/** Builds dist/ (the CLI and its analysis worker) as `npm run build` does. */
function build(): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

function monitorArgs(captures: string, baselineDir: string, outDir: string, workers: number | 'default'): string[] {
  return [
    cli, 'analyze', '--captures', captures,
    '--baseline-statistics', join(baselineDir, 'statistics.json'), '--constraints', join(baselineDir, 'constraints.json'),
    '--output', outDir, '--overwrite', ...(workers === 'default' ? [] : ['--workers', String(workers)]),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Peers

const NEWLINE_COUNT = `
const fs = require('fs');
const files = fs.readFileSync(process.argv[1], 'utf8').split('\\n').filter(Boolean);
const buf = Buffer.allocUnsafe(1 << 20); let lines = 0;
for (const f of files) { const fd = fs.openSync(f, 'r'); let n; let pos = 0;
  while ((n = fs.readSync(fd, buf, 0, buf.length, pos)) > 0) { pos += n; for (let i = 0; i < n; i++) if (buf[i] === 10) lines++; }
  fs.closeSync(fd); }
console.log(lines);
`;

/**
 * DuckDB from npm (\`@duckdb/node-api\`, a devDependency): the same SQL as the Python DuckDB peer, in
 * its own Node process with 2 threads, so it runs where PyPI cannot be reached.
 */
const DUCKDB_NODE = `
const { DuckDBInstance } = require('@duckdb/node-api');
const fs = require('fs');
const files = fs.readFileSync(process.argv[2], 'utf8').split('\\n').filter(Boolean);
(async () => {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  const list = '[' + files.map((f) => "'" + f.replace(/'/g, "''") + "'").join(',') + ']';
  const sel = Array.from({ length: 9 }, (_, i) => 'f[' + (i + 1) + '] AS s' + i).join(', ');
  await con.run("CREATE TEMP TABLE t AS SELECT " + sel + " FROM (SELECT string_split(captureData.endpointOutput.data || ',' || captureData.endpointInput.data, ',') AS f FROM read_ndjson(" + list + ", columns={captureData: 'STRUCT(endpointInput STRUCT(data VARCHAR), endpointOutput STRUCT(data VARCHAR))'}))");
  const aggs = [];
  for (let i = 0; i < 9; i++) {
    const s = 's' + i; const x = "TRY_CAST(NULLIF(" + s + ",'') AS DOUBLE)";
    aggs.push("count(*) FILTER (" + s + "<>'')", "count(*) FILTER (regexp_full_match(" + s + ",'[+-]?[0-9]+'))", 'count(' + x + ')', 'sum(' + x + ')', 'avg(' + x + ')', 'stddev_pop(' + x + ')', 'min(' + x + ')', 'max(' + x + ')', 'approx_quantile(' + x + ',[0.25,0.5,0.75])');
  }
  const r = (await con.runAndReadAll('SELECT ' + aggs.join(', ') + ' FROM t')).getRows()[0];
  const hist = [];
  for (let i = 0; i < 9; i++) {
    const mn = r[i * 9 + 6], mx = r[i * 9 + 7];
    if (mn === null || mx === mn) continue;
    const x = "TRY_CAST(NULLIF(s" + i + ",'') AS DOUBLE)";
    hist.push('histogram(least(floor((' + x + '-(' + mn + '))/((' + mx + ')-(' + mn + '))*10),9)::INT) FILTER (' + x + ' IS NOT NULL)');
  }
  await con.runAndReadAll('SELECT ' + hist.join(', ') + ' FROM t');
  // Value counts of the string column, as the analyzer's categorical buckets.
  await con.runAndReadAll('SELECT s1, count(*) FROM t GROUP BY s1');
  console.log(r.length);
})().catch((e) => { console.error(e); process.exit(1); });
`;

const PY_COMMON = `
import sys
files = [l for l in open(sys.argv[1]).read().split('\\n') if l]
COLS = ['prediction','Sex','Length','Diameter','Height','WholeWeight','ShuckedWeight','VisceraWeight','ShellWeight']
`;

const DUCKDB = `${PY_COMMON}
import duckdb
con = duckdb.connect()
sel = ', '.join(f"f[{i+1}] AS s{i}" for i in range(9))
con.execute(f"""CREATE TEMP TABLE t AS SELECT {sel} FROM (SELECT string_split(captureData.endpointOutput.data || ',' || captureData.endpointInput.data, ',') AS f
  FROM read_ndjson({files!r}, columns={{captureData: 'STRUCT(endpointInput STRUCT(data VARCHAR), endpointOutput STRUCT(data VARCHAR))'}}))""")
aggs = []
for i in range(9):
    s = f"s{i}"; x = f"TRY_CAST(NULLIF({s},'') AS DOUBLE)"
    aggs += [f"count(*) FILTER ({s}<>'')", f"count(*) FILTER (regexp_full_match({s},'[+-]?[0-9]+'))", f"count({x})", f"sum({x})", f"avg({x})", f"stddev_pop({x})", f"min({x})", f"max({x})", f"approx_quantile({x},[0.25,0.5,0.75])"]
r = con.execute("SELECT " + ", ".join(aggs) + " FROM t").fetchall()[0]
hist = []
for i in range(9):
    mn, mx = r[i*9+6], r[i*9+7]
    if mn is None or mx == mn: continue
    x = f"TRY_CAST(NULLIF(s{i},'') AS DOUBLE)"
    hist.append(f"histogram(least(floor(({x}-{mn})/({mx}-{mn})*10),9)::INT) FILTER ({x} IS NOT NULL)")
con.execute("SELECT " + ", ".join(hist) + " FROM t").fetchall()
print(len(r))
`;

const POLARS = `${PY_COMMON}
import polars as pl
schema = {'captureData': pl.Struct({'endpointInput': pl.Struct({'data': pl.Utf8}), 'endpointOutput': pl.Struct({'data': pl.Utf8})})}
df = pl.scan_ndjson(files, schema=schema).select(
    pl.concat_str([pl.col('captureData').struct.field('endpointOutput').struct.field('data'), pl.col('captureData').struct.field('endpointInput').struct.field('data')], separator=',')
      .str.split_exact(',', 8).struct.rename_fields(COLS).alias('r')).unnest('r').collect()
aggs = []
for c in COLS:
    s = pl.col(c); x = s.cast(pl.Float64, strict=False)
    aggs += [(s != '').sum().alias(c+'p'), s.str.contains('^[+-]?[0-9]+$').sum().alias(c+'i'), x.count().alias(c+'n'), x.sum().alias(c+'s'), x.mean().alias(c+'m'), x.std(ddof=0).alias(c+'d'), x.min().alias(c+'lo'), x.max().alias(c+'hi'), x.quantile(0.5,'linear').alias(c+'q')]
r = df.select(aggs).row(0)
df['Sex'].value_counts()
print(len(r))
`;

const PANDAS = `${PY_COMMON}
import pandas as pd, numpy as np
df = pd.concat([pd.read_json(f, lines=True, engine='pyarrow', dtype_backend='pyarrow') for f in files])
cd = df['captureData']
o = cd.struct.field('endpointOutput').struct.field('data'); i = cd.struct.field('endpointInput').struct.field('data')
wide = (o + ',' + i).str.split(',', expand=True)
for c in wide.columns:
    s = wide[c]
    num = pd.to_numeric(s, errors='coerce').to_numpy('float64', na_value=np.nan)
    s.str.fullmatch(r'^[+-]?[0-9]+$').sum()
    v = num[~np.isnan(num)]
    if len(v): v.sum(); v.mean(); np.std(v); np.percentile(v, [25, 50, 75])
print(len(wide))
`;

function setUpPython(): { python: string | null; note: string } {
  // Only a venv that is already there: this machine reaches no Python package index, so nothing is
  // installed here (the npm DuckDB peer stands in).
  const python = join(cacheDir, 'venv/bin/python');
  const probe = (): boolean => spawnSync(python, ['-c', 'import duckdb, polars, pandas, pyarrow'], { stdio: 'ignore' }).status === 0;
  if (existsSync(python) && probe()) return { python, note: 'Python peers from .cache/bench/venv' };
  return { python: null, note: 'no .cache/bench/venv with duckdb/polars/pandas: Python peers skipped' };
}

/** The npm DuckDB peer's script, or null when the devDependency is not installed. */
function setUpDuckdbNode(): string | null {
  if (spawnSync(process.execPath, ['-e', "require('@duckdb/node-api')"], { cwd: root, stdio: 'ignore' }).status !== 0) {
    console.log('# @duckdb/node-api not installed (npm install): its DuckDB peer is skipped');
    return null;
  }
  const path = join(cacheDir, 'peer_duckdb_node.js');
  writeFileSync(path, DUCKDB_NODE);
  return path;
}

// ---------------------------------------------------------------------------------------------------
// Timing

interface Measurement {
  seconds: number;
  rssMb: number;
}

/**
 * Runs a command under /usr/bin/time. Asynchronous on purpose: a synchronous spawn would stop this
 * process from reading moto's log pipe, and moto, blocked on a full pipe, would stall the S3 run.
 */
function timed(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', command, ...commandArgs], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (status !== 0) return reject(new Error(`${command} ${commandArgs.join(' ')} failed:\n${stderr}`));
      const lines = stderr.trim().split('\n');
      resolvePromise({ seconds, rssMb: Number(lines[lines.length - 1]) / 1024 });
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

async function main(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  build();
  const baselineDir = join(cacheDir, 'baseline');
  await timed(process.execPath, [cli, 'suggest-baseline', '--dataset', baselineCsv(), '--dataset-format', 'csv', '--header', '--output', baselineDir, '--overwrite']);
  const python = setUpPython();
  const duckdbNode = setUpDuckdbNode();
  console.log(`# Data-quality analyzer benchmark (Node ${process.version}, ${rounds} timed rounds after 1 warm-up; median wall time incl. startup)`);
  console.log(`# ${python.note}`);
  console.log(`# load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${availableParallelism()} cores)`);

  let moto: MotoServer | undefined;
  try {
    moto = await startMotoServer();
  } catch (e) {
    console.log(`# S3 read not measured: ${(e as Error).message}`);
  }
  try {
    await runSizes(baselineDir, python, duckdbNode, moto);
  } finally {
    await moto?.stop();
  }
}

/** Puts the files in moto under s3://bench/s<MB>/ (keys as their paths under the data folder); returns the prefix. */
async function uploadToMoto(moto: MotoServer, size: number, data: { dir: string; files: string[] }): Promise<string> {
  const s3 = new S3Client({ region: 'us-east-1', endpoint: moto.url, forcePathStyle: true, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'bench' })).catch(() => undefined);
    await mapWithConcurrency(data.files, 8, async (file) => {
      const key = `s${size}/${file.slice(data.dir.length + 1)}`;
      await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: key, Body: readFileSync(file) }));
    });
  } finally {
    s3.destroy();
  }
  return `s3://bench/s${size}/`;
}

async function runSizes(
  baselineDir: string,
  python: { python: string | null; note: string },
  duckdbNode: string | null,
  moto: MotoServer | undefined,
): Promise<void> {
  for (const size of sizes) {
    const data = generate(size);
    const list = join(cacheDir, `s${size}.files`);
    writeFileSync(list, data.files.join('\n') + '\n');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENBLAS_')));
    const tools: { name: string; threads: number; run: () => Promise<Measurement> }[] = [
      { name: 'node newline count (floor)', threads: 1, run: () => timed(process.execPath, ['-e', NEWLINE_COUNT, list]) },
      { name: 'ours, 1 worker', threads: 1, run: () => timed(process.execPath, monitorArgs(data.dir, baselineDir, join(cacheDir, 'out1'), 1)) },
      { name: 'ours, 2 workers', threads: 2, run: () => timed(process.execPath, monitorArgs(data.dir, baselineDir, join(cacheDir, 'out2'), 2)) },
      { name: 'ours, default', threads: defaultWorkers(data.bytes), run: () => timed(process.execPath, monitorArgs(data.dir, baselineDir, join(cacheDir, 'outa'), 'default')) },
    ];
    if (duckdbNode !== null) tools.push({ name: 'duckdb (node-api)', threads: 2, run: () => timed(process.execPath, [duckdbNode, list]) });
    if (moto && size <= 100) {
      const prefix = await uploadToMoto(moto, size, data);
      const endpoint = moto.url;
      const s3Env = { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1' };
      tools.push({ name: 'ours from moto S3, 2 workers', threads: 2, run: () => timed(process.execPath, [...monitorArgs(prefix, baselineDir, join(cacheDir, 'outs3'), 2), '--endpoint-url', endpoint], s3Env) });
    }
    if (python.python !== null) {
      const py = python.python;
      const script = (name: string, code: string): string => {
        const path = join(cacheDir, `${name}.py`);
        writeFileSync(path, code);
        return path;
      };
      const duck = script('peer_duckdb', DUCKDB);
      const polars = script('peer_polars', POLARS);
      const pandas = script('peer_pandas', PANDAS);
      tools.push({ name: 'duckdb', threads: 2, run: () => timed(py, [duck, list], env) });
      tools.push({ name: 'polars', threads: 2, run: () => timed(py, [polars, list], env) });
      if (size <= 100) tools.push({ name: 'pandas (pyarrow json)', threads: 1, run: () => timed(py, [pandas, list], env) });
    }
    const samples = new Map<string, Measurement[]>(tools.map((tool) => [tool.name, []]));
    for (let round = 0; round <= rounds; round++) {
      const order = [...tools].sort(() => Math.random() - 0.5);
      for (const tool of order) {
        const measurement = await tool.run();
        if (round > 0) samples.get(tool.name)!.push(measurement);
      }
    }
    const mb = data.bytes / 1e6;
    console.log(`\n## ${mb.toFixed(1)} MB, ${data.files.length} files, ${data.rows.toLocaleString('en-US')} rows, 9 columns`);
    console.log('| tool | threads | median s | MB/s | rows/s | peak RSS MB |');
    console.log('|---|---|---|---|---|---|');
    const results = tools.map((tool) => {
      const measured = samples.get(tool.name)!;
      const seconds = median(measured.map((m) => m.seconds));
      const rss = Math.max(...measured.map((m) => m.rssMb));
      console.log(`| ${tool.name} | ${tool.threads} | ${seconds.toFixed(3)} | ${(mb / seconds).toFixed(0)} | ${Math.round(data.rows / seconds).toLocaleString('en-US')} | ${rss.toFixed(0)} |`);
      return { name: tool.name, seconds };
    });
    const ours = results.find((r) => r.name === 'ours, default')!;
    const twoWorkers = results.find((r) => r.name === 'ours, 2 workers');
    const fromS3 = results.find((r) => r.name === 'ours from moto S3, 2 workers');
    if (fromS3 && twoWorkers) console.log(`ours from moto S3 vs the same files on local disk (2 workers): ${(twoWorkers.seconds / fromS3.seconds).toFixed(2)}× the throughput`);
    for (const peer of results.filter((r) => !r.name.startsWith('ours'))) {
      console.log(`ours (default workers) vs ${peer.name}: ${(peer.seconds / ours.seconds).toFixed(2)}× the throughput`);
    }
    console.log(`load average after this size: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${availableParallelism()} cores)`);
    if (python.python === null) {
      console.log('Python peers not measured here; for reference, peer-bench.md measured DuckDB (2 threads) on this kind of machine at 19 / 86 / 147 MB/s for 10 / 100 / 1000 MB.');
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
