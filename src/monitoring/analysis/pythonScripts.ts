/**
 * The user's Python scripts, under SageMaker's contract (spec §3.3), so a script written for SageMaker
 * works here unchanged:
 * - record preprocessor: `preprocess_handler(inference_record[, logger])` per captured record, returning
 *   a flat dict `{column_key: value}` (one row), a list of such dicts (several rows) or `[]` (dropped).
 *   `inference_record` has `endpoint_input` / `endpoint_output` (`data`, `encoding`, `mode`,
 *   `observed_content_type`), `event_metadata` (`event_id`, `inference_id`, `inference_time`,
 *   `custom_attributes`), `event_version` and `ground_truth` (None here: data quality);
 * - post-analytics processor: `postprocess_handler()` after a successful analysis, with the
 *   `output_path` environment variable naming the folder the results were written to.
 *
 * Records go to one child `python3` in batches (a JSON line each way). The script's own prints and
 * logging go to its stderr, handed to `onLog`; the protocol uses a private copy of stdout.
 *
 * Guesses (not verified against the container): how SageMaker turns a returned value into a cell's
 * text. We write strings as they are, None as missing, numbers and booleans as JSON writes them
 * (Python's json: 1, 1.0, 1e-05, true), anything nested as its JSON text; BASE64 payloads are passed
 * undecoded, as captured.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { MonitoringError } from '../errors';

/** The interpreter: `MODEL_MONITOR_PYTHON`, else `python3` on PATH. */
export function defaultPython(): string {
  return process.env.MODEL_MONITOR_PYTHON || 'python3';
}

export interface PythonOptions {
  /** The interpreter to run (default `defaultPython()`). */
  python?: string;
  /** The script's own output (prints, logging), as it comes. */
  onLog?: (text: string) => void;
}

/** One preprocessed row: [column key, cell text or null for missing] in the order the dict had. */
export type PreprocessedRow = [string, string | null][];

// The runner: loads the user's script, then answers one JSON line per batch on a private stdout.
const RUNNER = String.raw`
import importlib.util, inspect, json, logging, os, sys, traceback
proto = os.fdopen(os.dup(1), 'w', encoding='utf-8')
os.dup2(2, 1)
sys.stdout = sys.stderr
mode, path = sys.argv[1], sys.argv[2]
def fail(message, ref=None):
    proto.write(json.dumps({'ok': False, 'error': message, 'ref': ref}) + '\n'); proto.flush(); sys.exit(0)
try:
    spec = importlib.util.spec_from_file_location('user_script', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
except BaseException:
    fail('the script could not be loaded:\n' + traceback.format_exc())
name = 'preprocess_handler' if mode == 'preprocess' else 'postprocess_handler'
handler = getattr(module, name, None)
if not callable(handler):
    fail('the script defines no function ' + name + '()')
logging.basicConfig(stream=sys.stderr, level=logging.INFO)
logger = logging.getLogger('record_preprocessor')
if mode == 'postprocess':
    try:
        handler()
    except BaseException:
        fail('postprocess_handler() raised:\n' + traceback.format_exc())
    proto.write(json.dumps({'ok': True}) + '\n'); proto.flush(); sys.exit(0)
try:
    takes_logger = len(inspect.signature(handler).parameters) >= 2
except (TypeError, ValueError):
    takes_logger = False
class Payload:
    def __init__(self, d):
        d = d or {}
        self.data = d.get('data'); self.encoding = d.get('encoding'); self.mode = d.get('mode')
        self.observed_content_type = d.get('observedContentType')
class EventMetadata:
    def __init__(self, d):
        d = d or {}
        self.event_id = d.get('eventId'); self.inference_id = d.get('inferenceId')
        self.inference_time = d.get('inferenceTime'); self.custom_attributes = d.get('customAttributes')
class InferenceRecord:
    def __init__(self, d):
        capture = d.get('captureData') or {}
        self.endpoint_input = Payload(capture['endpointInput']) if 'endpointInput' in capture else None
        self.endpoint_output = Payload(capture['endpointOutput']) if 'endpointOutput' in capture else None
        self.event_metadata = EventMetadata(d.get('eventMetadata'))
        self.event_version = d.get('eventVersion')
        self.ground_truth = None
def text(v):
    if v is None: return None
    if isinstance(v, str): return v
    return json.dumps(v)
def row(d, ref):
    if not isinstance(d, dict):
        fail('preprocess_handler() returned a list holding ' + type(d).__name__ + '; expected dicts of {column_key: value}', ref)
    return [[str(k), text(v)] for k, v in d.items()]
for line in sys.stdin:
    batch = json.loads(line)
    rows = []
    for ref, record in batch['records']:
        try:
            result = handler(InferenceRecord(record), logger) if takes_logger else handler(InferenceRecord(record))
        except BaseException:
            fail('preprocess_handler() raised:\n' + traceback.format_exc(), ref)
        if isinstance(result, dict):
            rows.append([row(result, ref)])
        elif isinstance(result, list):
            rows.append([row(d, ref) for d in result])
        else:
            fail('preprocess_handler() returned ' + type(result).__name__ + '; expected a dict {column_key: value}, a list of them, or [] to drop the record', ref)
    proto.write(json.dumps({'ok': True, 'rows': rows}) + '\n'); proto.flush()
`;

interface Reply {
  ok: boolean;
  error?: string;
  ref?: string | null;
  rows?: PreprocessedRow[][];
}

function missingInterpreter(python: string, script: string): MonitoringError {
  return new MonitoringError(
    'Validation',
    `Cannot run ${script}: the Python interpreter "${python}" was not found. Install Python 3, or name the interpreter with MODEL_MONITOR_PYTHON (or --python).`,
    { resource: script },
  );
}

/** node:child_process, loaded when a script runs: loading it costs about 8 ms of every CLI start. */
function childProcess(): Promise<typeof import('node:child_process')> {
  return import('node:child_process');
}

function scriptError(script: string, reply: Reply): MonitoringError {
  const where = reply.ref ? ` on the record at ${reply.ref}` : '';
  return new MonitoringError('BadData', `The script ${script} failed${where}: ${reply.error ?? 'no message'}`, { resource: script });
}

/** A running `preprocess_handler`: send batches of capture records, get each record's rows back. */
export class RecordPreprocessor {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: Reply[] = [];
  private waiting: ((reply: Reply | Error) => void) | null = null;
  private failure: Error | null = null;
  private stderrTail = '';

  private constructor(
    spawn: typeof import('node:child_process').spawn,
    private readonly script: string,
    private readonly python: string,
    onLog: ((text: string) => void) | undefined,
  ) {
    this.child = spawn(python, ['-u', '-c', RUNNER, 'preprocess', script], { stdio: 'pipe' });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-4000);
      onLog?.(text);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        reply = { ok: false, error: `unexpected output from the script runner: ${line.slice(0, 200)}` };
      }
      this.deliver(reply);
    });
    this.child.on('error', (error: NodeJS.ErrnoException) => {
      this.deliver(error.code === 'ENOENT' ? missingInterpreter(this.python, this.script) : error);
    });
    // 'close', not 'exit': the last reply may still be in the pipe when the process exits.
    this.child.on('close', (code, signal) => {
      const tail = this.stderrTail.trim();
      this.deliver(
        new MonitoringError('BadData', `The script ${this.script} stopped (${signal ?? `exit code ${code}`}) before answering${tail ? `:\n${tail}` : '.'}`, {
          resource: this.script,
        }),
      );
    });
  }

  static async start(script: string, options: PythonOptions = {}): Promise<RecordPreprocessor> {
    return new RecordPreprocessor((await childProcess()).spawn, script, options.python ?? defaultPython(), options.onLog);
  }

  private deliver(reply: Reply | Error): void {
    if (reply instanceof Error) {
      if (this.failure === null) this.failure = reply;
      if (this.waiting) {
        const waiting = this.waiting;
        this.waiting = null;
        waiting(this.failure);
      }
      return;
    }
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting(reply);
    } else this.replies.push(reply);
  }

  /**
   * Runs `preprocess_handler` on each record (its capture line's JSON text, and where it came from as
   * `file:line` for messages); resolves to each record's rows.
   */
  async run(records: readonly { ref: string; json: string }[]): Promise<PreprocessedRow[][]> {
    if (this.failure) throw this.failure;
    const line = `{"records":[${records.map((r) => `[${JSON.stringify(r.ref)},${r.json}]`).join(',')}]}\n`;
    const reply = await new Promise<Reply | Error>((resolve) => {
      const queued = this.replies.shift();
      if (queued) return resolve(queued);
      if (this.failure) return resolve(this.failure);
      this.waiting = resolve;
      this.child.stdin.write(line, (error) => {
        if (error && this.waiting === resolve) this.deliver(this.failure ?? error);
      });
    });
    if (reply instanceof Error) throw reply;
    if (!reply.ok) throw scriptError(this.script, reply);
    const rows = reply.rows ?? [];
    if (rows.length !== records.length) throw scriptError(this.script, { ok: false, error: `answered ${rows.length} records of ${records.length}` });
    return rows;
  }

  /** Ends the child (its stdin closes; it exits on its own). */
  close(): void {
    this.child.removeAllListeners('close');
    this.child.stdin.end();
    // A script stuck in a loop must not keep us alive.
    setTimeout(() => this.child.kill(), 2000).unref();
  }
}

/** Runs `postprocess_handler()` with `output_path` set to `outputDirectory`. */
export async function runPostAnalyticsProcessor(script: string, outputDirectory: string, options: PythonOptions = {}): Promise<void> {
  const python = options.python ?? defaultPython();
  const child = (await childProcess()).spawn(python, ['-u', '-c', RUNNER, 'postprocess', script], { stdio: 'pipe', env: { ...process.env, output_path: outputDirectory } });
  child.stdin.end();
  child.stderr.setEncoding('utf8');
  let stderrTail = '';
  child.stderr.on('data', (text: string) => {
    stderrTail = (stderrTail + text).slice(-4000);
    options.onLog?.(text);
  });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (stdout += text));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingInterpreter(python, script) : error));
    child.on('close', resolve);
  });
  let reply: Reply | null = null;
  try {
    reply = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Reply;
  } catch {
    reply = null;
  }
  if (reply === null) {
    throw new MonitoringError('BadData', `The script ${script} stopped (exit code ${code}) before finishing${stderrTail.trim() ? `:\n${stderrTail.trim()}` : '.'}`, { resource: script });
  }
  if (!reply.ok) throw scriptError(script, reply);
}
