/** What every route handler can reach: the dependencies createApp() was given, on ctx.state. */
import type { Logger } from 'pino';
import type { ExportPool } from '../assessments/export-pool';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { WechatClient } from '../wechat/client';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** null when no WeChat app id/secret is configured. */
  wechat: WechatClient | null;
  /** The clock; tests set it to check year boundaries. */
  now: () => Date;
  /** Worker threads for the year-end route; absent (tests, scripts, EXPORT_WORKERS=0), it runs inline. */
  exportPool?: ExportPool;
}

export interface AppState {
  deps: AppDeps;
}
