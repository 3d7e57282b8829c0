/**
 * The audit log as the region's and the cities' bureaus read it: every change inside a region of
 * their jurisdiction (a change belongs to the county or region it concerns), newest first, filtered
 * by action, account and Beijing dates, 50 a page. County bureaus are audited, not auditors.
 */
import { AUDIT_PAGE_SIZE, type AuditPage, type AuditQuery } from '@plsr/shared/schemas';
import { beijingDayStart } from '@plsr/shared/time';
import { AUDIT_ACTION_LABELS, type AuditAction } from '@plsr/shared/vocabulary';
import type { BureauUser } from '../auth/guards';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { findRegions } from '../stations/repository';

function parsed(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

export async function auditPage(deps: Pick<AppDeps, 'db'>, user: BureauUser, query: AuditQuery): Promise<AuditPage> {
  if (user.role === 'county') throw new AppError('forbidden', '审计日志仅供市、自治区司法局查看');
  const at = {
    ...(query.from ? { gte: beijingDayStart(query.from) } : {}),
    ...(query.to ? { lt: beijingDayStart(query.to, 1) } : {}),
  };
  const rows = await deps.db.auditLog.findMany({
    where: {
      regionCode: { startsWith: query.region },
      ...(query.action ? { action: query.action } : {}),
      ...(query.username ? { username: query.username } : {}),
      ...(query.from || query.to ? { at } : {}),
      ...(query.before ? { id: { lt: query.before } } : {}),
    },
    orderBy: { id: 'desc' },
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const names = new Map((await findRegions(deps.db, [...new Set(page.map((r) => r.regionCode))])).map((r) => [r.code, r.name]));
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      username: r.username,
      action: r.action,
      actionLabel: AUDIT_ACTION_LABELS[r.action as AuditAction] ?? r.action,
      subject: r.subject,
      region: { code: r.regionCode, name: names.get(r.regionCode) ?? r.regionCode },
      reason: r.reason,
      before: parsed(r.beforeJson),
      after: parsed(r.afterJson),
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}
