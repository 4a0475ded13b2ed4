/**
 * worker_threads entry (bundled as dist/analysisWorker.js): profiles the partitions the main thread
 * sends, one at a time, and posts each partition's profile back as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { RecentTextsPool } from './featureProfile';
import { profilePartition, serialiseError, type WorkerReply, type WorkerRequest } from './parallel';

const port = parentPort;
if (port === null) throw new Error('analysisWorker must run in a worker thread');

// A worker serves the partitions of one run (it is started per run and ended after it).
const pool = new RecentTextsPool();

port.on('message', (request: WorkerRequest) => {
  try {
    let unreported = 0;
    const profile = profilePartition(request, pool, (bytes) => {
      unreported += bytes;
      if (unreported >= 4 * 1024 * 1024) {
        port.postMessage({ type: 'progress', bytes: unreported } satisfies WorkerReply);
        unreported = 0;
      }
    });
    const state = profile.toState(); // copies the levels, so the sketches' buffers can be reused
    profile.release();
    if (unreported > 0) port.postMessage({ type: 'progress', bytes: unreported } satisfies WorkerReply);
    const transfer = state.columns.map((column) => column.sketch.levels.map((level) => level.buffer as ArrayBuffer)).flat();
    port.postMessage({ type: 'result', index: request.index, state } satisfies WorkerReply, transfer);
  } catch (error) {
    port.postMessage({ type: 'error', index: request.index, error: serialiseError(error) } satisfies WorkerReply);
  }
});
