/**
 * The export pool's worker thread (export-pool.ts starts it): its own database client, and one
 * year-end job at a time, whose file goes back as a transferred ArrayBuffer (moved, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { openDatabase } from '../db/client';
import { runExportJob, type ExportJob } from './export-job';
import { errorToWire, type WorkerReply, type WorkerRequest, type WorkerSetup } from './export-messages';

if (!parentPort) throw new Error('export-worker.ts runs only as a worker thread of the export pool');
const port = parentPort;

// The same zod messages as the main thread (app.ts).
z.config(z.locales.zhCN());

const { databaseUrl } = workerData as WorkerSetup;
const db = openDatabase(databaseUrl);

port.on('message', (request: WorkerRequest) => {
  if (request.kind === 'close') void db.$disconnect().finally(() => process.exit(0));
  else void answer(request.id, request.job, request.crash);
});

async function answer(id: number, job: ExportJob, crash?: true): Promise<void> {
  if (crash) process.exit(1);
  let reply: WorkerReply;
  try {
    const file = await runExportJob(db, job);
    reply = { id, ok: true, type: file.type, filename: file.filename, bytes: ownBuffer(file.body) };
  } catch (thrown) {
    reply = { id, ok: false, error: errorToWire(thrown) };
  }
  port.postMessage(reply, reply.ok ? [reply.bytes] : []);
}

/** The bytes in an ArrayBuffer of their own: a small Buffer is a slice of Node's shared pool, which must not be moved. */
function ownBuffer(body: Buffer): ArrayBuffer {
  if (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer) return body.buffer;
  const copy = new Uint8Array(body.byteLength);
  copy.set(body);
  return copy.buffer;
}
