/**
 * A rating is never lost to a bad connection. It is written to the phone's storage before it is
 * sent, with the client request id it keeps for life; it leaves storage only when the server has
 * answered. Until then it is shown as 待发送 and retried: when the app starts, when the network
 * comes back, when 我的评价 opens, and every half minute while the app is open. The server
 * recognises a retry by its id, so a rating whose first answer was lost is stored once.
 */
import Taro from '@tarojs/taro';
import type { OwnRating, RatingInput } from '@plsr/shared/schemas';
import { STAFF_ROLES } from '@plsr/shared/vocabulary';
import { z } from 'zod';
import { STORAGE_KEYS, readStored, writeStored } from '../lib/storage';
import { ApiError } from './http';
import { postRating, rememberRating, rememberedRatings } from './ratings';
import { LoginFailed } from './session';

const OutboxItemSchema = z.object({
  /** Kept loose on purpose: an item written by an older app version is still sent, the server judges it. */
  input: z.looseObject({ clientRequestId: z.string() }),
  /** What 我的评价 shows while the rating waits. */
  display: z.object({ stationName: z.string(), staffName: z.string(), staffRole: z.enum(STAFF_ROLES) }),
  state: z.enum(['pending', 'rejected']),
  /** Why the server refused it (state rejected). */
  message: z.string().optional(),
  queuedAt: z.string(),
  attempts: z.number().int(),
});
export type OutboxItem = Omit<z.infer<typeof OutboxItemSchema>, 'input'> & { input: RatingInput };
export type OutboxDisplay = OutboxItem['display'];

const RETRY_INTERVAL_MS = 30_000;

function load(): OutboxItem[] {
  return (readStored(STORAGE_KEYS.outbox, z.array(z.unknown())) ?? []).flatMap((raw) => {
    const item = OutboxItemSchema.safeParse(raw);
    return item.success ? [item.data as OutboxItem] : [];
  });
}

const listeners = new Set<() => void>();

function save(items: OutboxItem[]): void {
  writeStored(STORAGE_KEYS.outbox, items);
  listeners.forEach((listener) => listener());
}

function update(id: string, change: (item: OutboxItem) => OutboxItem | undefined): void {
  save(load().flatMap((item) => (item.input.clientRequestId === id ? (change(item) ?? []) : [item])));
}

export function outboxItems(): OutboxItem[] {
  return load();
}

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function discardOutboxItem(clientRequestId: string): void {
  update(clientRequestId, () => undefined);
}

/** Ids being sent right now, so a retry pass never sends a rating the form is still sending. */
const inFlight = new Set<string>();

type Attempt = { outcome: 'sent'; rating: OwnRating } | { outcome: 'kept'; error: ApiError } | { outcome: 'refused'; error: ApiError };

async function attempt(item: OutboxItem): Promise<Attempt> {
  const id = item.input.clientRequestId;
  inFlight.add(id);
  try {
    const rating = await postRating(item.input);
    update(id, () => undefined);
    rememberRating(rating);
    return { outcome: 'sent', rating };
  } catch (caught) {
    const error = caught instanceof ApiError ? caught : new ApiError('network', String(caught));
    if (error.retriable || error instanceof LoginFailed) {
      update(id, (it) => ({ ...it, attempts: it.attempts + 1 }));
      return { outcome: 'kept', error };
    }
    return { outcome: 'refused', error };
  } finally {
    inFlight.delete(id);
  }
}

export type SubmitResult = { outcome: 'sent'; rating: OwnRating } | { outcome: 'queued' };

/**
 * Keeps the rating, then tries to send it. A refusal by the server is thrown (the form shows the
 * message and the person can correct it), and the rating is not kept.
 */
export async function submitRating(input: RatingInput, display: OutboxDisplay): Promise<SubmitResult> {
  const item: OutboxItem = { input, display, state: 'pending', queuedAt: new Date().toISOString(), attempts: 0 };
  save([...load().filter((it) => it.input.clientRequestId !== input.clientRequestId), item]);
  const result = await attempt(item);
  if (result.outcome === 'kept' && result.error instanceof LoginFailed && !result.error.retriable) {
    // On the form the person is right there: say what went wrong and let them try again.
    discardOutboxItem(input.clientRequestId);
    throw result.error;
  }
  if (result.outcome === 'refused') {
    discardOutboxItem(input.clientRequestId);
    throw result.error;
  }
  return result.outcome === 'sent' ? result : { outcome: 'queued' };
}

/**
 * Whether this phone already rated the person for that service day, sent or still waiting: the
 * server keeps one rating per person and day, so a new one replaces it (and the form says so).
 */
export function ratedOnDay(staffId: number, serviceDate: string): boolean {
  const waiting = load().some((it) => it.state === 'pending' && it.input.staffId === staffId && it.input.serviceDate === serviceDate);
  return waiting || (rememberedRatings() ?? []).some((r) => r.staff.id === staffId && r.serviceDate === serviceDate);
}

/**
 * The server's list of the resident's ratings is proof of arrival: a waiting rating whose id is
 * in it got there (its answer was lost), so the phone lets go of it instead of showing it twice.
 */
export function settleOutbox(arrivedIds: string[]): void {
  const arrived = new Set(arrivedIds);
  const items = load();
  const left = items.filter((it) => !(it.state === 'pending' && arrived.has(it.input.clientRequestId)));
  if (left.length !== items.length) save(left);
}

let flushing: Promise<{ sent: number; waiting: number }> | undefined;

/** Sends what waits, oldest first; stops at the first network failure (no use hammering). */
export function flushOutbox(): Promise<{ sent: number; waiting: number }> {
  flushing ??= (async () => {
    let sent = 0;
    for (const item of load()) {
      if (item.state !== 'pending' || inFlight.has(item.input.clientRequestId)) continue;
      const result = await attempt(item);
      if (result.outcome === 'sent') sent++;
      else if (result.outcome === 'kept') break;
      else update(item.input.clientRequestId, (it) => ({ ...it, state: 'rejected', message: result.error.message }));
    }
    return { sent, waiting: load().filter((it) => it.state === 'pending').length };
  })().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

let retrying = false;

/** Called once when the app starts: retries now, on reconnect, and on a timer while anything waits. */
export function startOutboxRetry(): void {
  if (retrying) return;
  retrying = true;
  const retry = () => {
    if (load().some((it) => it.state === 'pending')) void flushOutbox().catch(() => undefined);
  };
  retry();
  Taro.onNetworkStatusChange((status) => {
    if (status.isConnected) retry();
  });
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
    window.addEventListener('online', retry);
  }
  setInterval(retry, RETRY_INTERVAL_MS);
}
