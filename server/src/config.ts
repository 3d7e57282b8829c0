/**
 * The server's configuration: the environment, parsed once with zod. Nothing else reads process.env;
 * main.ts and the scripts pass it in, tests build their own.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** Dev-only secrets, used when NODE_ENV is not production and none is set: never for real data. */
const DEV_SECRETS = {
  SESSION_SECRET: 'dev-only-session-secret-change-me-0000000000',
  RESIDENT_HASH_KEY: 'dev-only-resident-hash-key-change-me-00000000',
  PHONE_ENCRYPTION_KEY: '0000000000000000000000000000000000000000000000000000000000000000',
} as const;

const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
/** `90s`, `15m`, `1h`, `2d` → seconds. */
const duration = z
  .string()
  .regex(/^[1-9][0-9]{0,5}[smhd]$/, { error: '时长格式应为 数字+单位 (s/m/h/d),如 15m' })
  .transform((v) => Number(v.slice(0, -1)) * SECONDS[v.slice(-1) as keyof typeof SECONDS]);
/** `5/15m` → at most 5 in 15 minutes; `off` → no limit. */
const limit = z
  .string()
  .regex(/^(off|[1-9][0-9]{0,6}\/[1-9][0-9]{0,5}[smhd])$/, { error: '限额格式应为 次数/时长 (如 5/15m) 或 off' })
  .transform((v): RateWindow | null => {
    if (v === 'off') return null;
    const [points, window] = v.split('/') as [string, string];
    return { points: Number(points), seconds: duration.parse(window) };
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** file:./data/app.db (embedded SQLite, the default) or postgresql://… */
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, { error: 'DATABASE_URL 应为 file:路径 或 postgresql://…' })
    .default('file:./data/app.db'),
  /** Where residents reach the H5 app and the station links; QR codes encode it. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** A CJK font (.ttf/.ttc/.otf) for the printed posters; by default Debian's WenQuanYi or Noto CJK. */
  POSTER_FONT: z.string().optional(),
  SESSION_SECRET: z.string().min(32, { error: 'SESSION_SECRET 至少 32 个字符' }).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 30),
  RESIDENT_HASH_KEY: z.string().min(32, { error: 'RESIDENT_HASH_KEY 至少 32 个字符' }).optional(),
  /** 32 bytes as 64 hex characters: AES-256-GCM key for call-back phone numbers. */
  PHONE_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: 'PHONE_ENCRYPTION_KEY 应为 64 位十六进制' })
    .optional(),
  WECHAT_APP_ID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  /** release | trial | develop: which mini-program version a station code opens. */
  WECHAT_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /**
   * Subscribe-message templates (公众平台 › 订阅消息) for workers' notifications; unset: in-app only.
   * New ratings: thing1 收到 N 条新评价, date2 the day, thing3 counts by level. Appeal: phrase1 结果, thing2 说明, time3 处理时间.
   */
  WECHAT_TEMPLATE_NEW_RATING: z.string().max(64).optional(),
  WECHAT_TEMPLATE_APPEAL_DECIDED: z.string().max(64).optional(),
  DEVICE_LOGIN_ENABLED: bool.default(false),
  /** How many days after the service a rating may still be made. */
  RATING_LATE_DAYS: z.coerce.number().int().min(0).max(366).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built H5 app, served at / when present. */
  H5_DIST_DIR: z.string().default('miniapp/dist-h5'),
  /** Worker threads that build year-end answers off the event loop; 0 builds them on the main thread. */
  EXPORT_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /**
   * SQLite only: `normal` (SQLite's advice for WAL) syncs the log at checkpoints, so a power cut may
   * lose the last moments of writes but never corrupts; `full` syncs at every commit (about 0.15 ms of
   * blocked event loop per rating on this machine's disk).
   */
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  /**
   * Rate limits (docs/operations.md), each `<count>/<window>` (window in s, m, h or d) or `off`.
   * Wrong passwords per account name; reaching the count locks the name out.
   */
  LIMIT_PASSWORD_ACCOUNT: limit.prefault('5/15m'),
  /** The first lock-out; each further one within a day lasts twice as long, at most a day. */
  LIMIT_PASSWORD_LOCKOUT: duration.prefault('5m'),
  /** Wrong passwords from one address (an office behind one address has several clerks). */
  LIMIT_PASSWORD_IP: limit.prefault('30/1h'),
  /** Web (H5) logins by device id from one address: a station's Wi-Fi serves its residents. */
  LIMIT_DEVICE_LOGIN_IP: limit.prefault('60/10m'),
  /** WeChat logins from one address (mobile networks put many phones behind one address). */
  LIMIT_WECHAT_LOGIN_IP: limit.prefault('300/10m'),
  /** Ratings sent by one resident. */
  LIMIT_RATING_RESIDENT: limit.prefault('20/1h'),
  /** Ratings sent from one address. */
  LIMIT_RATING_IP: limit.prefault('300/1h'),
  /**
   * Take the client's address from X-Forwarded-For (behind a reverse proxy, which must set it).
   * Default: on in production, off elsewhere. The rate limits and the one-address rule use it.
   */
  TRUST_PROXY: bool.optional(),
  /** How often the review scan (one voice per resident, fraud rules) reads the new ratings; 0: never by timer. */
  REVIEW_SCAN_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** How often workers' notices are made and sent (workers/notifications.ts); 0: never. */
  NOTIFY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
});

/** At most `points` in `seconds`. */
export interface RateWindow {
  points: number;
  seconds: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string;
  provider: 'sqlite' | 'postgresql';
  publicBaseUrl: string;
  posterFont: string | undefined;
  sessionSecret: string;
  sessionTtlHours: number;
  residentHashKey: string;
  phoneEncryptionKey: Buffer;
  wechat: { appId: string; appSecret: string } | null;
  wechatApiBase: string;
  wechatTimeoutMs: number;
  wechatEnvVersion: 'release' | 'trial' | 'develop';
  /** Subscribe-message template ids by notification kind; absent: that kind is in-app only. */
  wechatTemplates: { new_rating?: string; appeal_decided?: string };
  deviceLoginEnabled: boolean;
  ratingLateDays: number;
  logLevel: string;
  h5DistDir: string;
  exportWorkers: number;
  sqliteSynchronous: 'normal' | 'full';
  trustProxy: boolean;
  reviewScanSeconds: number;
  notifySeconds: number;
  /** Rate limits (limits/limits.ts); null: off. */
  limits: {
    passwordAccount: RateWindow | null;
    passwordLockoutSeconds: number;
    passwordIp: RateWindow | null;
    deviceLoginIp: RateWindow | null;
    wechatLoginIp: RateWindow | null;
    ratingResident: RateWindow | null;
    ratingIp: RateWindow | null;
  };
  /** True when a dev default secret is in use (never in production). */
  usingDevSecrets: boolean;
}

export class ConfigError extends Error {}

const SECRET_NAMES = ['SESSION_SECRET', 'RESIDENT_HASH_KEY', 'PHONE_ENCRYPTION_KEY'] as const;

export interface LoadOptions {
  /**
   * Who may run on the built-in development secrets: the demo (`npm start`, `npm run demo`) and jobs
   * that neither sign tokens nor touch personal data ('not-needed'). Tests (NODE_ENV=test) may too.
   * Anything else — the production entry main.ts above all — must be given real secrets.
   */
  devSecrets?: 'demo' | 'not-needed';
}

export function loadConfig(env: Record<string, string | undefined>, options: LoadOptions = {}): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missingSecrets = SECRET_NAMES.filter((k) => !e[k]);
  const devValues = SECRET_NAMES.filter((k) => e[k] === DEV_SECRETS[k]);
  const mayUseDevSecrets = e.NODE_ENV !== 'production' && (e.NODE_ENV === 'test' || options.devSecrets !== undefined);
  if (!mayUseDevSecrets && missingSecrets.length > 0) {
    throw new ConfigError(
      `配置有误 (invalid configuration): 未设置 ${missingSecrets.join(', ')}。内置的开发密钥只用于演示 (npm start) 和测试。\n` +
        `  Set ${missingSecrets.join(', ')} (see docs/operations.md); the built-in development secrets are only for the demo and tests.`,
    );
  }
  if (!mayUseDevSecrets && devValues.length > 0) {
    throw new ConfigError(`配置有误 (invalid configuration): ${devValues.join(', ')} is the built-in development value; set a real secret`);
  }
  if (Boolean(e.WECHAT_APP_ID) !== Boolean(e.WECHAT_APP_SECRET)) {
    throw new ConfigError('配置有误 (invalid configuration): set both WECHAT_APP_ID and WECHAT_APP_SECRET, or neither');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    provider: e.DATABASE_URL.startsWith('file:') ? 'sqlite' : 'postgresql',
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    posterFont: e.POSTER_FONT,
    sessionSecret: e.SESSION_SECRET ?? DEV_SECRETS.SESSION_SECRET,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    residentHashKey: e.RESIDENT_HASH_KEY ?? DEV_SECRETS.RESIDENT_HASH_KEY,
    phoneEncryptionKey: Buffer.from(e.PHONE_ENCRYPTION_KEY ?? DEV_SECRETS.PHONE_ENCRYPTION_KEY, 'hex'),
    wechat: e.WECHAT_APP_ID && e.WECHAT_APP_SECRET ? { appId: e.WECHAT_APP_ID, appSecret: e.WECHAT_APP_SECRET } : null,
    wechatApiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
    wechatTimeoutMs: e.WECHAT_TIMEOUT_MS,
    wechatEnvVersion: e.WECHAT_ENV_VERSION,
    wechatTemplates: {
      ...(e.WECHAT_TEMPLATE_NEW_RATING ? { new_rating: e.WECHAT_TEMPLATE_NEW_RATING } : {}),
      ...(e.WECHAT_TEMPLATE_APPEAL_DECIDED ? { appeal_decided: e.WECHAT_TEMPLATE_APPEAL_DECIDED } : {}),
    },
    deviceLoginEnabled: e.DEVICE_LOGIN_ENABLED,
    ratingLateDays: e.RATING_LATE_DAYS,
    logLevel: e.LOG_LEVEL,
    h5DistDir: e.H5_DIST_DIR,
    exportWorkers: e.EXPORT_WORKERS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    trustProxy: e.TRUST_PROXY ?? e.NODE_ENV === 'production',
    reviewScanSeconds: e.REVIEW_SCAN_SECONDS,
    notifySeconds: e.NOTIFY_SECONDS,
    limits: {
      passwordAccount: e.LIMIT_PASSWORD_ACCOUNT,
      passwordLockoutSeconds: e.LIMIT_PASSWORD_LOCKOUT,
      passwordIp: e.LIMIT_PASSWORD_IP,
      deviceLoginIp: e.LIMIT_DEVICE_LOGIN_IP,
      wechatLoginIp: e.LIMIT_WECHAT_LOGIN_IP,
      ratingResident: e.LIMIT_RATING_RESIDENT,
      ratingIp: e.LIMIT_RATING_IP,
    },
    usingDevSecrets: missingSecrets.length > 0,
  };
}
