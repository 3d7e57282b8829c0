/**
 * The rate limits (docs/operations.md, "Rate limits"): wrong passwords per account name (reaching the
 * count locks the name out, each further lock-out within a day twice as long) and per address; web and
 * WeChat logins per address; ratings per resident and per address. Over a limit: 429 with
 * Retry-After and a message a person can act on. Counts live in the database (store.ts).
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateWindow } from '../config';
import { AppError } from '../http/errors';
import type { AppDeps } from '../http/context';
import type { CountedUse, Refused } from '../ratings/repository';
import { DatabaseRateLimiter } from './store';

const DAY = 86_400;

interface Limits {
  passwordAccount: DatabaseRateLimiter | null;
  /** Lock-outs of an account name within a day: how long the next one lasts. */
  passwordLockouts: DatabaseRateLimiter | null;
  passwordIp: DatabaseRateLimiter | null;
  deviceLoginIp: DatabaseRateLimiter | null;
  wechatLoginIp: DatabaseRateLimiter | null;
  ratingResident: DatabaseRateLimiter | null;
  ratingIp: DatabaseRateLimiter | null;
}

const built = new WeakMap<AppDeps, Limits>();

function limitsOf(deps: AppDeps): Limits {
  let limits = built.get(deps);
  if (!limits) {
    const c = deps.config.limits;
    const make = (keyPrefix: string, window: RateWindow | null) =>
      window && new DatabaseRateLimiter({ keyPrefix, points: window.points, duration: window.seconds }, deps.db, deps.now);
    limits = {
      passwordAccount: make('password-account', c.passwordAccount),
      passwordLockouts: c.passwordAccount && new DatabaseRateLimiter({ keyPrefix: 'password-lockouts', points: 1_000_000, duration: DAY }, deps.db, deps.now),
      passwordIp: make('password-ip', c.passwordIp),
      deviceLoginIp: make('device-login-ip', c.deviceLoginIp),
      wechatLoginIp: make('wechat-login-ip', c.wechatLoginIp),
      ratingResident: make('rating-resident', c.ratingResident),
      ratingIp: make('rating-ip', c.ratingIp),
    };
    built.set(deps, limits);
  }
  return limits;
}

/** 429, saying when to come back (Retry-After, and in the message when it is minutes away). */
function limited(message: string, msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = seconds >= 120 ? `,请 ${Math.ceil(seconds / 60)} 分钟后再试` : ',请稍后再试';
  return new AppError('rate_limited', `${message}${wait}`, undefined, seconds);
}

/** Uses one of the limit's points, or throws 429 when none is left. A store failure is thrown as it is. */
async function take(limiter: DatabaseRateLimiter | null, key: string, message: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw limited(message, rejection.msBeforeNext);
    throw rejection;
  }
}

/** True when the key has used up its points (a lock-out stores one point more than the limit). */
async function exhausted(limiter: DatabaseRateLimiter | null, key: string): Promise<RateLimiterRes | null> {
  if (!limiter) return null;
  const res = await limiter.get(key);
  return res && res.consumedPoints >= limiter.points ? res : null;
}

/** An account name as counted: case and surrounding spaces do not make a new one. */
const accountKey = (username: string) => username.trim().toLowerCase().slice(0, 128);

/** Before a password is checked: refused while the name is locked out or the address has failed too often. */
export async function passwordAttemptAllowed(deps: AppDeps, username: string, ip: string): Promise<void> {
  const limits = limitsOf(deps);
  const [account, address] = await Promise.all([exhausted(limits.passwordAccount, accountKey(username)), exhausted(limits.passwordIp, ip)]);
  if (account) throw limited('密码错误次数过多,该账号已暂时锁定', account.msBeforeNext);
  if (address) throw limited('登录失败次数过多', address.msBeforeNext);
}

/** A wrong password (or unknown name): counted; reaching the count locks the name out. */
export async function passwordFailed(deps: AppDeps, username: string, ip: string): Promise<void> {
  const limits = limitsOf(deps);
  const key = accountKey(username);
  const [failures] = await Promise.all([limits.passwordAccount?.penalty(key), limits.passwordIp?.penalty(ip)]);
  if (!failures || !limits.passwordAccount || !limits.passwordLockouts || failures.consumedPoints < limits.passwordAccount.points) return;
  const lockouts = (await limits.passwordLockouts.penalty(key)).consumedPoints;
  const seconds = Math.min(deps.config.limits.passwordLockoutSeconds * 2 ** (lockouts - 1), DAY);
  await limits.passwordAccount.block(key, seconds);
}

/** The right password: the name's failures are forgotten (its lock-outs of the day are not). */
export async function passwordSucceeded(deps: AppDeps, username: string): Promise<void> {
  await limitsOf(deps).passwordAccount?.delete(accountKey(username));
}

/** A binding code tried from this address: wrong ones count with wrong passwords (a code is a secret too). */
export async function bindAttemptAllowed(deps: AppDeps, ip: string): Promise<void> {
  const address = await exhausted(limitsOf(deps).passwordIp, ip);
  if (address) throw limited('绑定码错误次数过多', address.msBeforeNext);
}

export async function bindFailed(deps: AppDeps, ip: string): Promise<void> {
  await limitsOf(deps).passwordIp?.penalty(ip);
}

export function residentLoginAllowed(deps: AppDeps, kind: 'device' | 'wechat', ip: string): Promise<void> {
  const limits = limitsOf(deps);
  return take(kind === 'device' ? limits.deviceLoginIp : limits.wechatLoginIp, ip, '登录过于频繁');
}

/** The limits a rating counts against, those that are on: the resident's and the address's. */
function ratingLimits(deps: AppDeps, residentId: number, ip: string): { limiter: DatabaseRateLimiter; key: string; message: string }[] {
  const limits = limitsOf(deps);
  const all = [
    { limiter: limits.ratingResident, key: String(residentId), message: '提交评价过于频繁' },
    { limiter: limits.ratingIp, key: ip, message: '该网络提交评价过于频繁' },
  ];
  return all.flatMap(({ limiter, ...rest }) => (limiter ? [{ limiter, ...rest }] : []));
}

/** A rating about to be written: one of the resident's points and one of the address's. */
export async function ratingAllowed(deps: AppDeps, residentId: number, ip: string): Promise<void> {
  await Promise.all(ratingLimits(deps, residentId, ip).map((l) => take(l.limiter, l.key, l.message)));
}

/** The rating limits as the rating's own write counts them (SQLite: ratings/repository.ts insertNewRating). */
export interface RatingCount {
  uses: CountedUse[];
  /** The 429 for a limit that refused. */
  refusal(refused: Refused): AppError;
  /** Counts the uses on their own, for a submission that does not take the one-write path. */
  apart(): Promise<void>;
}

/**
 * On SQLite, the resident's and the address's rating limits counted in the same write of the group
 * commit as the rating itself (one commit instead of two); null on PostgreSQL, where they are counted
 * beside the session look-up (ratingEarlyChecks), or when both limits are off.
 */
export function ratingCount(deps: AppDeps, residentId: number, ip: string): RatingCount | null {
  if (deps.config.provider !== 'sqlite') return null;
  const on = ratingLimits(deps, residentId, ip);
  if (on.length === 0) return null;
  // The same rows as the limiters' own: their keys, their counts and windows.
  const uses = on.map(({ limiter, key }) => ({ key: limiter.getKey(key), max: limiter.points, seconds: limiter.duration }));
  return {
    uses,
    refusal: (r) => limited(on[uses.findIndex((u) => u.key === r.refusedBy)]!.message, r.msBeforeNext),
    apart: () => ratingAllowed(deps, residentId, ip),
  };
}
