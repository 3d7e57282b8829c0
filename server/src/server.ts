/**
 * Starts the API: applies pending migrations, opens the database, builds the app and listens.
 * Used by main.ts (production) and by `npm start` (demo).
 */
import type { Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { createApp } from './app';
import { exportPoolFor } from './assessments/export-pool';
import type { Config } from './config';
import { openMigratedDatabase, type Db } from './db/client';
import { sweepRateLimits } from './limits/store';
import { scanRatings } from './review/scan';
import { deliverNotifications, notifyNewRatings } from './workers/notifications';
import { calendarDrift, openCases, voidExcludedCases } from './cases/open';
import { WechatClient } from './wechat/client';

export interface RunningServer {
  url: string;
  db: Db;
  logger: Logger;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: undefined, redact: ['req.headers.authorization'] });
}

/** The WeChat client the configuration asks for; null when no app id/secret is set. */
export function wechatClientFor(config: Config): WechatClient | null {
  if (!config.wechat) return null;
  const { appId, appSecret } = config.wechat;
  return new WechatClient({ apiBase: config.wechatApiBase, appId, appSecret, timeoutMs: config.wechatTimeoutMs });
}

/** Ctrl+C or a service manager's SIGTERM: stop listening, close the database, exit. */
export function closeOnSignals(running: RunningServer): void {
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function startServer(config: Config, options: { logger?: Logger; db?: Db } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  if (config.usingDevSecrets) {
    logger.warn('using built-in development secrets: set SESSION_SECRET, RESIDENT_HASH_KEY and PHONE_ENCRYPTION_KEY for real data');
  }
  const db = options.db ?? (await openMigratedDatabase(config.databaseUrl, { sqliteSynchronous: config.sqliteSynchronous }));
  const exportPool = exportPoolFor(config, logger);
  const wechat = wechatClientFor(config);
  const app = createApp({ config, db, logger, wechat, now: () => new Date(), exportPool });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Rate-limit counters whose window ended an hour ago count nothing: swept every ten minutes.
  const sweep = setInterval(() => {
    sweepRateLimits(db, new Date()).catch((err: unknown) => logger.warn({ err }, 'rate-limit sweep failed'));
  }, 600_000);
  sweep.unref();
  // The review scan (one voice per resident, fraud rules) over the ratings written since the last one.
  const deps = { db, now: () => new Date() };
  let scanning = false;
  const scan =
    config.reviewScanSeconds > 0
      ? setInterval(() => {
          if (scanning) return;
          scanning = true;
          scanRatings(deps, { maxBatches: 20 })
            .then((r) => {
              if (r.flagged > 0) logger.warn({ flagged: r.flagged, scanned: r.scanned }, 'review scan put ratings on hold');
            })
            .catch((err: unknown) => logger.error({ err }, 'review scan failed'))
            .finally(() => (scanning = false));
        }, config.reviewScanSeconds * 1000)
      : null;
  scan?.unref();
  // A chinese-days upgrade that would change a kept calendar is said once at start, for a person to
  // decide; the kept calendars (and the deadlines counted with them) stay as they are.
  calendarDrift(db)
    .then((drift) => {
      for (const d of drift)
        logger.warn({ year: d.year, stored: d.stored, current: d.current, changes: d.changes }, 'the installed chinese-days differs from a kept calendar');
    })
    .catch((err: unknown) => logger.error({ err }, 'calendar check failed'));
  // The follow-up jobs: 差评 cases opened (and voided when their rating was excluded), workers'
  // notices made from the finished days' ratings, then whatever waits sent to WeChat.
  let notifying = false;
  const notify =
    config.notifySeconds > 0
      ? setInterval(() => {
          if (notifying) return;
          notifying = true;
          openCases(deps)
            .then(() => voidExcludedCases(deps))
            .then(() => notifyNewRatings(deps))
            .then(() => deliverNotifications({ ...deps, config, wechat }))
            .catch((err: unknown) => logger.error({ err }, 'notifying workers failed'))
            .finally(() => (notifying = false));
        }, config.notifySeconds * 1000)
      : null;
  notify?.unref();
  return {
    url: `http://${config.host}:${port}`,
    db,
    logger,
    async close() {
      clearInterval(sweep);
      if (scan) clearInterval(scan);
      if (notify) clearInterval(notify);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await exportPool?.close();
      await db.$disconnect();
    },
  };
}
