/**
 * The year-end off the event loop. A province's year-end is seconds of work on the thread that runs it
 * (with SQLite, better-sqlite3 runs each query synchronously; exceljs takes about a second of CPU), so
 * run inline it would stall every other request. Here a few worker threads (export-worker.ts), each
 * with its own database client, run whole jobs (export-job.ts) and send back the file's bytes.
 *
 * Workers start on first use, up to `size`, and run one job each at a time; more jobs wait in a queue,
 * and past QUEUE_LIMIT waiting a request gets 503 server_busy. An AppError thrown in a worker comes back
 * as the same AppError; any other error keeps the worker's stack (a logged 500). A worker that dies is
 * dropped and its job rejected; the next job starts another. Idle workers never keep the process alive;
 * close() ends them.
 *
 * A worker cannot load the .ts entry by itself: tsx (production, `npm start`, the bench) and @swc/jest
 * (tests) compile only the thread that started them. So each worker starts from a few lines of
 * JavaScript that register tsx's require hook (`tsx/cjs/api`) and then require the entry, the same way
 * under every runner; a compiled .js entry is required as it is.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { AppError } from '../http/errors';
import type { ExportFile, ExportJob } from './export-job';
import { errorFromWire, type WorkerReply, type WorkerRequest, type WorkerSetup } from './export-messages';

/** Jobs waiting for a worker before a request is refused: about a minute of province exports for one worker, more than bureaus ask at once. */
export const QUEUE_LIMIT = 64;
/** How long close() lets an idle worker disconnect its database before ending it. */
const CLOSE_GRACE_MS = 2000;

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);
`;

interface BootData extends WorkerSetup {
  entry: string;
  /** tsx's CommonJS register API, when the entry is TypeScript. */
  tsx: string | null;
}

export interface ExportPoolOptions {
  size: number;
  databaseUrl: string;
  logger: Logger;
  queueLimit?: number;
}

interface Waiting {
  job: ExportJob;
  resolve: (file: ExportFile) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  running: (Waiting & { id: number }) | null;
  /** What the worker threw, when it dies of an uncaught error. */
  error: Error | null;
}

export class ExportPool {
  private readonly threads = new Set<Thread>();
  private readonly queue: Waiting[] = [];
  private readonly boot: BootData;
  private nextId = 1;
  private crashNext = false;
  private closed = false;

  constructor(private readonly options: ExportPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`export pool size must be a positive integer, not ${options.size}`);
    // Resolved here, so a missing tsx stops the start rather than the first year-end.
    const ext = extname(__filename);
    this.boot = {
      databaseUrl: options.databaseUrl,
      entry: join(__dirname, `export-worker${ext}`),
      tsx: ext === '.ts' ? require.resolve('tsx/cjs/api') : null,
    };
  }

  /** Live worker threads (0 until the first job). */
  get threadCount(): number {
    return this.threads.size;
  }

  run(job: ExportJob): Promise<ExportFile> {
    if (this.closed) return Promise.reject(new Error('export pool is closed'));
    if (this.queue.length >= (this.options.queueLimit ?? QUEUE_LIMIT)) {
      return Promise.reject(new AppError('server_busy', '正在生成的考核结果较多,请稍后再试'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Tests only: the worker that takes the next job exits instead of answering, as a crash would. No request can ask for this. */
  crashNextJob(): void {
    this.crashNext = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error('export pool is closed'));
    await Promise.all([...this.threads].map((thread) => this.stop(thread)));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const thread = [...this.threads].find((t) => t.running === null) ?? (this.threads.size < this.options.size ? this.spawn() : null);
      if (!thread) return;
      const waiting = this.queue.shift()!;
      const id = this.nextId++;
      thread.running = { ...waiting, id };
      thread.worker.ref();
      const request: WorkerRequest = { kind: 'job', id, job: waiting.job, ...(this.crashNext ? { crash: true as const } : {}) };
      this.crashNext = false;
      thread.worker.postMessage(request);
    }
  }

  private spawn(): Thread {
    // No flags of the parent (tsx's own loader among them): the bootstrap is all a worker needs.
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: this.boot, execArgv: [] });
    const thread: Thread = { worker, running: null, error: null };
    this.threads.add(thread);
    worker.on('message', (reply: WorkerReply) => this.settle(thread, reply));
    worker.on('error', (error) => (thread.error = error));
    worker.on('exit', (code) => this.exited(thread, code));
    this.options.logger.debug({ threadId: worker.threadId }, 'export worker started');
    return thread;
  }

  private settle(thread: Thread, reply: WorkerReply): void {
    const running = thread.running;
    if (!running || running.id !== reply.id) return;
    thread.running = null;
    thread.worker.unref();
    if (reply.ok) running.resolve({ type: reply.type, filename: reply.filename, body: Buffer.from(reply.bytes) });
    else running.reject(errorFromWire(reply.error));
    this.dispatch();
  }

  private exited(thread: Thread, code: number): void {
    this.threads.delete(thread);
    const running = thread.running;
    thread.running = null;
    if (running) {
      const { year, region, format } = running.job;
      const why = thread.error ? `: ${thread.error.message}` : '';
      running.reject(
        new Error(`export worker exited (code ${code}) during the year-end ${year} ${region} ${format}${why}`, { cause: thread.error ?? undefined }),
      );
    } else if (!this.closed) {
      this.options.logger.error({ threadId: thread.worker.threadId, code, err: thread.error ?? undefined }, 'export worker exited while idle');
    }
    this.dispatch();
  }

  /** An idle worker disconnects its database and exits; one still running (only when closed outside a server) is ended. */
  private async stop(thread: Thread): Promise<void> {
    const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
    thread.worker.ref();
    if (thread.running) {
      void thread.worker.terminate();
      return exited;
    }
    thread.worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
    const timer = setTimeout(() => void thread.worker.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}

/** The pool EXPORT_WORKERS asks for; none for 0, and the route then runs each job inline. */
export function exportPoolFor(config: Config, logger: Logger): ExportPool | undefined {
  if (config.exportWorkers === 0) return undefined;
  return new ExportPool({ size: config.exportWorkers, databaseUrl: config.databaseUrl, logger });
}
