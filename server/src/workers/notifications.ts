/**
 * Workers' notifications (issue 12, part 6): what a worker should know, in their in-app list and, when
 * they bound WeChat and allowed it, as a WeChat subscribe message.
 *
 * - New ratings come as one notice per worker per day, the day after (from 00:10): "11月26日收到 3 条新评价". A
 *   message the minute a resident rates would tell a worker at a small station who it was (the same
 *   rule as 我收到的评价: no time of day), so the notifier waits for the Beijing day to end and counts.
 * - An appeal decision comes at once: it is the bureau's answer to the worker, no resident in it.
 *
 * Sending is a job (server.ts runs it beside the review scan): the request that made the notice never
 * waits for WeChat. WeChat's answers: 43101 (not subscribed, or the allowance used up) leaves the notice
 * in-app only; 47003 and the like (a value over the template's limits) mark it failed with the reason;
 * a rejected token is renewed by the client; an unreachable WeChat is tried again, three times in all.
 */
import type { WorkerNotifications } from '@plsr/shared/schemas';
import { beijingDate, beijingDateTime, beijingDayStart } from '@plsr/shared/time';
import { NOTIFICATION_KINDS, parseVocabulary, RATING_LEVEL_LABELS, type NotificationKind, type RatingLevel } from '@plsr/shared/vocabulary';
import type { StaffActor } from '../auth/sessions';
import { decryptPhone } from '../auth/secrets';
import type { Db } from '../db/client';
import { readCursor } from '../db/cursors';
import type { AppDeps } from '../http/context';
import { WechatError, NOT_SUBSCRIBED } from '../wechat/errors';

export const NOTIFY_CURSOR = 'notify';
/** The page a tapped message opens. */
const WORKER_PAGE = 'staff/pages/ratings/index';
const SEND_ATTEMPTS = 3;
const SETTLE_MS = 10 * 60_000;
const LIST_SIZE = 50;

/** A `thing` value: at most 20 characters (WeChat refuses more with 47003), cut with an ellipsis. */
export const thing = (text: string): string => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`;
};

/** A `phrase` value: at most five Chinese characters, nothing else; a programming error otherwise. */
export const phrase = (text: string): string => {
  if (!/^[\u4e00-\u9fa5]{1,5}$/.test(text)) throw new Error(`not a subscribe-message phrase: ${text}`);
  return text;
};

/** A new installation's notifier starts at its newest rating: its past is not announced. */
const newestRatingId = (db: Db) => async () => (await db.rating.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * Counts the ratings of each finished Beijing day since the cursor into one notice per worker and day.
 * The cursor starts at the newest rating when there is none (a new installation is not told its past).
 */
export async function notifyNewRatings(deps: { db: Db; now: () => Date }, batch = 2000): Promise<number> {
  const cursor = await readCursor(deps.db, NOTIFY_CURSOR, newestRatingId(deps.db));
  // A day is counted ten minutes after it ends: a rating written in its last moment has committed by then.
  const todayStarts = beijingDayStart(beijingDate(new Date(deps.now().getTime() - SETTLE_MS)));
  // Most runs find the next rating is today's: one row read by its key, and done. (Asking the database
  // for "after the cursor and before today" would read every one of today's ratings on each run.)
  const next = await deps.db.rating.findFirst({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, select: { createdAt: true } });
  if (!next || next.createdAt >= todayStarts) return 0;
  const read = await deps.db.rating.findMany({
    where: { id: { gt: cursor } },
    orderBy: { id: 'asc' },
    take: batch,
    select: { id: true, staffId: true, level: true, createdAt: true },
  });
  // Ids follow the time of writing: the finished days are the ones before the first of today's.
  const today = read.findIndex((r) => r.createdAt >= todayStarts);
  const rows = today === -1 ? read : read.slice(0, today);
  if (rows.length === 0) return 0;
  const groups = new Map<string, { staffId: number; day: string; levels: number[] }>();
  for (const r of rows) {
    const day = beijingDate(r.createdAt);
    const key = `${r.staffId} ${day}`;
    const group = groups.get(key) ?? { staffId: r.staffId, day, levels: [] };
    group.levels.push(r.level);
    groups.set(key, group);
  }
  const at = deps.now();
  const last = rows[rows.length - 1]!.id;
  await deps.db.$transaction(async (tx) => {
    // Only the notifier that moves the cursor writes: two at once cannot both count the same day.
    const moved = await tx.scanCursor.updateMany({ where: { name: NOTIFY_CURSOR, lastRatingId: cursor }, data: { lastRatingId: last } });
    if (moved.count !== 1) return;
    await tx.notification.createMany({
      data: [...groups.values()].map((g) => {
        const counts = ([5, 4, 3, 2, 1] as const)
          .map((level) => [level, g.levels.filter((l) => l === level).length] as const)
          .filter(([, n]) => n > 0)
          .map(([level, n]) => `${RATING_LEVEL_LABELS[level as RatingLevel]} ${n} 条`)
          .join(',');
        return {
          staffId: g.staffId,
          kind: 'new_rating',
          text: `${monthDay(g.day)}收到 ${g.levels.length} 条新评价:${counts}`,
          createdAt: at,
          wechatData: JSON.stringify({ thing1: thing(`收到 ${g.levels.length} 条新评价`), date2: g.day, thing3: thing(counts) }),
          wechatState: 'pending',
        };
      }),
    });
  });
  return groups.size;
}

/** The notice of an appeal's decision, written with it (`tx`: the decision's own transaction). */
export async function notifyAppealDecided(
  tx: Pick<Db, 'notification'>,
  at: Date,
  appeal: { staffId: number; upheld: boolean; reason: string; serviceDate: string },
): Promise<void> {
  const outcome = appeal.upheld ? '申诉成立' : '申诉不成立';
  await tx.notification.create({
    data: {
      staffId: appeal.staffId,
      kind: 'appeal_decided',
      text: `您对 ${appeal.serviceDate} 那条评价的申诉:${outcome}(${appeal.reason})`,
      createdAt: at,
      wechatData: JSON.stringify({ phrase1: phrase(outcome), thing2: thing(appeal.reason), time3: beijingDateTime(at) }),
      wechatState: 'pending',
    },
  });
}

/** Sends the waiting notices as subscribe messages, `batch` at a time; how many were sent. */
export async function deliverNotifications(deps: Pick<AppDeps, 'db' | 'now' | 'config' | 'wechat'>, batch = 50): Promise<number> {
  const waiting = await deps.db.notification.findMany({
    where: { wechatState: 'pending' },
    orderBy: { id: 'asc' },
    take: batch,
    select: { id: true, staffId: true, kind: true, wechatData: true, attempts: true },
  });
  let sent = 0;
  for (const n of waiting) {
    const settle = (wechatState: string, wechatError: string | null = null) =>
      deps.db.notification.update({ where: { id: n.id }, data: { wechatState, wechatError, attempts: { increment: 1 } } });
    const templateId = deps.config.wechatTemplates[n.kind as NotificationKind];
    if (!deps.wechat || !templateId || !n.wechatData) {
      await settle('not_configured');
      continue;
    }
    const account = await deps.db.user.findUnique({ where: { staffId: n.staffId }, select: { wechatOpenIdEnc: true, disabledAt: true } });
    if (!account?.wechatOpenIdEnc || account.disabledAt) {
      await settle('no_wechat');
      continue;
    }
    let touser: string;
    try {
      touser = decryptPhone(deps.config.phoneEncryptionKey, account.wechatOpenIdEnc);
    } catch {
      // Kept under a key since replaced: readable again after the worker's next WeChat login.
      await settle('no_wechat', '微信身份无法解密(PHONE_ENCRYPTION_KEY 已更换),该人员下次用微信登录后恢复');
      continue;
    }
    try {
      await deps.wechat.sendSubscribeMessage({
        touser,
        templateId,
        page: WORKER_PAGE,
        data: JSON.parse(n.wechatData) as Record<string, string>,
        miniprogramState: deps.config.wechatEnvVersion === 'release' ? 'formal' : deps.config.wechatEnvVersion === 'trial' ? 'trial' : 'developer',
      });
      await deps.db.notification.update({
        where: { id: n.id },
        data: { wechatState: 'sent', wechatError: null, sentAt: deps.now(), attempts: { increment: 1 } },
      });
      sent++;
    } catch (error) {
      if (!(error instanceof WechatError)) throw error;
      if (error.upstream.errcode === NOT_SUBSCRIBED) await settle('not_subscribed', error.message);
      else if (error.code === 'upstream_unavailable' || error.code === 'rate_limited') {
        await settle(n.attempts + 1 >= SEND_ATTEMPTS ? 'failed' : 'pending', error.message);
      } else await settle('failed', `${error.message}(微信错误码 ${error.upstream.errcode ?? '无'})`);
    }
  }
  return sent;
}

/** The worker's latest notices, newest first, and how many they have not read. */
export async function workerNotifications(deps: Pick<AppDeps, 'db' | 'config'>, actor: StaffActor): Promise<WorkerNotifications> {
  const [rows, unread] = await Promise.all([
    deps.db.notification.findMany({
      where: { staffId: actor.staffId },
      orderBy: { id: 'desc' },
      take: LIST_SIZE,
      select: { id: true, kind: true, text: true, createdAt: true, readAt: true },
    }),
    deps.db.notification.count({ where: { staffId: actor.staffId, readAt: null } }),
  ]);
  return {
    unread,
    notifications: rows.map((r) => ({
      id: r.id,
      kind: parseVocabulary(NOTIFICATION_KINDS, r.kind, `Notification ${r.id} kind`),
      text: r.text,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    subscribeTemplateIds: Object.values(deps.config.wechatTemplates).filter((id): id is string => Boolean(id)),
  };
}

/** Marks the worker's notices up to `upTo` read; how many are left unread. */
export async function readNotifications(deps: Pick<AppDeps, 'db' | 'now'>, actor: StaffActor, upTo: number): Promise<{ unread: number }> {
  await deps.db.notification.updateMany({ where: { staffId: actor.staffId, id: { lte: upTo }, readAt: null }, data: { readAt: deps.now() } });
  return { unread: await deps.db.notification.count({ where: { staffId: actor.staffId, readAt: null } }) };
}
