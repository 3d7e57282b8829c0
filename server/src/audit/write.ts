/** Writing the audit log: one entry per change, inside the transaction that makes the change. */
import type { AuditAction } from '@plsr/shared/vocabulary';
import type { BureauUser } from '../auth/guards';
import type { Prisma } from '../db/client';

type Tx = Pick<Prisma.TransactionClient, 'auditLog' | 'user'>;

export interface AuditEntryInput {
  action: AuditAction;
  /** What changed, e.g. "inspection:T640402001:2026", "account:yuanzhou". */
  subject: string;
  /** The region the change belongs to: who may read it. */
  regionCode: string;
  reason?: string;
  /** As they were and as they are: JSON, or absent (nothing to show, e.g. a password). */
  before?: unknown;
  after?: unknown;
}

const row = (at: Date, actor: BureauUser, username: string, entry: AuditEntryInput) => ({
  at,
  userId: actor.userId,
  username,
  action: entry.action,
  subject: entry.subject,
  regionCode: entry.regionCode,
  reason: entry.reason ?? null,
  beforeJson: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
  afterJson: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
});

export async function writeAudit(tx: Tx, at: Date, actor: BureauUser, entry: AuditEntryInput): Promise<void> {
  await writeAudits(tx, at, actor, [entry]);
}

/** Many entries of one decision (a whole incident's ratings): one insert per hundred. */
export async function writeAudits(tx: Tx, at: Date, actor: BureauUser, entries: AuditEntryInput[]): Promise<void> {
  const { username } = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { username: true } });
  for (let i = 0; i < entries.length; i += 100) {
    await tx.auditLog.createMany({ data: entries.slice(i, i + 100).map((e) => row(at, actor, username, e)) });
  }
}
