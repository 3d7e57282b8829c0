/**
 * 站点与服务人员 by hand (issue 11, part 4): a county's stations, staff and postings in one read; a person
 * added, edited or marked 已离岗; a posting made or ended. The Excel import does the same for many rows
 * (import.ts); both keep a licence number unique per role and write an audit entry per change.
 */
import type {
  AssignmentUpdate,
  ManagedStation,
  NewAssignmentInput,
  NewStaffInput,
  RegistryAssignment,
  RegistryList,
  RegistryStaff,
  StaffUpdate,
} from '@plsr/shared/schemas';
import { parseVocabulary, REGION_LEVELS, STAFF_ROLES, STAFF_ROLE_LABELS, STAFF_STATUSES, STATION_STATUSES, STATION_TIERS } from '@plsr/shared/vocabulary';
import { assertWithinJurisdiction, type BureauUser } from '../auth/guards';
import { writeAudit } from '../audit/write';
import type { Prisma } from '../db/client';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';

type Tx = Prisma.TransactionClient;

const STAFF_SELECT = {
  id: true,
  name: true,
  role: true,
  licenceNumber: true,
  organisation: true,
  countyCode: true,
  cityCode: true,
  status: true,
  assignments: {
    select: { id: true, fromDate: true, toDate: true, station: { select: { code: true, name: true } } },
    orderBy: [{ fromDate: 'asc' }, { id: 'asc' }],
  },
} as const satisfies Prisma.StaffSelect;
type StaffRow = Prisma.StaffGetPayload<{ select: typeof STAFF_SELECT }>;
type AssignmentRow = StaffRow['assignments'][number];

const assignmentView = (a: AssignmentRow): RegistryAssignment => ({
  id: a.id,
  stationCode: a.station.code,
  stationName: a.station.name,
  fromDate: a.fromDate,
  toDate: a.toDate,
});

/** A person of the registry as the console and the Excel export show them (their postings apart). */
export const personView = (s: Omit<StaffRow, 'assignments' | 'cityCode'>): Omit<RegistryStaff, 'assignments'> => ({
  id: s.id,
  name: s.name,
  role: parseVocabulary(STAFF_ROLES, s.role, `Staff ${s.id} role`),
  licenceNumber: s.licenceNumber,
  organisation: s.organisation,
  countyCode: s.countyCode,
  status: parseVocabulary(STAFF_STATUSES, s.status, `Staff ${s.id} status`),
});

const staffView = (s: StaffRow): RegistryStaff => ({ ...personView(s), assignments: s.assignments.map(assignmentView) });

/** The editable fields as the audit log keeps them. */
const staffFields = (s: Pick<StaffRow, 'name' | 'role' | 'licenceNumber' | 'organisation' | 'status'>) => ({
  name: s.name,
  role: s.role,
  licenceNumber: s.licenceNumber,
  organisation: s.organisation,
  status: s.status,
});

export async function listRegistry(deps: Pick<AppDeps, 'db'>, county: string): Promise<RegistryList> {
  const region = await deps.db.region.findUnique({ where: { code: county }, select: { code: true, name: true, level: true } });
  if (!region) throw new AppError('not_found', `行政区划 ${county} 不存在`);
  if (region.level !== 'county')
    throw new AppError('validation_failed', '站点与服务人员按县(区)查看,请先选择县(区)', [{ path: 'county', message: '请选择县(区)' }]);
  const [townships, stations, staff] = await Promise.all([
    deps.db.region.findMany({ where: { parentCode: county, level: 'township' }, select: { code: true, name: true, level: true }, orderBy: { code: 'asc' } }),
    deps.db.station.findMany({
      where: { countyCode: county },
      select: { code: true, name: true, tier: true, status: true, regionCode: true, countyCode: true, townshipCode: true },
      orderBy: { code: 'asc' },
    }),
    deps.db.staff.findMany({ where: { countyCode: county }, select: STAFF_SELECT, orderBy: { id: 'asc' } }),
  ]);
  const level = (code: string, l: string) => parseVocabulary(REGION_LEVELS, l, `Region ${code} level`);
  return {
    county: { ...region, level: level(region.code, region.level) },
    townships: townships.map((t) => ({ ...t, level: level(t.code, t.level) })),
    // The county centre (C…) first, then by the township's code: a room sits after its workstation.
    stations: stations
      .map((s): ManagedStation => ({
        ...s,
        tier: parseVocabulary(STATION_TIERS, s.tier, `Station ${s.code} tier`),
        status: parseVocabulary(STATION_STATUSES, s.status, `Station ${s.code} status`),
      }))
      .sort((a, b) => (a.townshipCode ?? '').localeCompare(b.townshipCode ?? '') || a.regionCode.localeCompare(b.regionCode)),
    staff: staff.map(staffView),
  };
}

/** A licence number belongs to one person per role, across the whole registry (as the import checks). */
async function assertLicenceFree(tx: Tx, role: string, licenceNumber: string | null, self: number | null): Promise<void> {
  if (!licenceNumber) return;
  const clash = await tx.staff.findFirst({
    where: { role, licenceNumber, ...(self === null ? {} : { NOT: { id: self } }) },
    select: { id: true, name: true },
  });
  if (clash) {
    const label = STAFF_ROLE_LABELS[parseVocabulary(STAFF_ROLES, role, 'role')];
    throw new AppError('conflict', `${label}执业证号 ${licenceNumber} 已属于名册中的${clash.name}(人员编号 ${clash.id})`);
  }
}

export async function createStaff(deps: AppDeps, user: BureauUser, input: NewStaffInput): Promise<RegistryStaff> {
  const county = await deps.db.region.findUnique({ where: { code: input.county }, select: { level: true, cityCode: true } });
  if (!county) throw new AppError('not_found', `行政区划 ${input.county} 不存在`);
  if (county.level !== 'county')
    throw new AppError('validation_failed', '服务人员由所属县(区)的名册保存,请选择县(区)', [{ path: 'county', message: '请选择县(区)' }]);
  const fields = {
    name: input.name,
    role: input.role,
    licenceNumber: input.licenceNumber || null,
    organisation: input.organisation,
    status: 'active',
  };
  const at = deps.now();
  const created = await deps.db.$transaction(async (tx) => {
    await assertLicenceFree(tx, fields.role, fields.licenceNumber, null);
    const row = await tx.staff.create({
      data: { ...fields, countyCode: input.county, cityCode: county.cityCode ?? input.county.slice(0, 4), createdAt: at },
      select: STAFF_SELECT,
    });
    await writeAudit(tx, at, user, { action: 'staff.create', subject: `staff:${row.id}`, regionCode: row.countyCode, after: staffFields(row) });
    return row;
  });
  return staffView(created);
}

async function staffInJurisdiction(tx: Tx, user: BureauUser, id: number): Promise<StaffRow> {
  const staff = await tx.staff.findUnique({ where: { id }, select: STAFF_SELECT });
  if (!staff) throw new AppError('not_found', `人员编号 ${id} 不存在`);
  assertWithinJurisdiction(user, staff.countyCode);
  return staff;
}

export async function updateStaff(deps: AppDeps, user: BureauUser, id: number, input: StaffUpdate): Promise<RegistryStaff> {
  const at = deps.now();
  const updated = await deps.db.$transaction(async (tx) => {
    const staff = await staffInJurisdiction(tx, user, id);
    const before = staffFields(staff);
    const after = {
      name: input.name ?? before.name,
      role: input.role ?? before.role,
      licenceNumber: input.licenceNumber === undefined ? before.licenceNumber : input.licenceNumber || null,
      organisation: input.organisation ?? before.organisation,
      status: input.status ?? before.status,
    };
    if ((Object.keys(after) as (keyof typeof after)[]).every((k) => after[k] === before[k])) return staff;
    if (after.role !== before.role || after.licenceNumber !== before.licenceNumber) await assertLicenceFree(tx, after.role, after.licenceNumber, id);
    const row = await tx.staff.update({ where: { id }, data: after, select: STAFF_SELECT });
    await writeAudit(tx, at, user, { action: 'staff.update', subject: `staff:${id}`, regionCode: staff.countyCode, reason: input.reason, before, after });
    return row;
  });
  return staffView(updated);
}

/** Another posting of the same person at the same station whose dates meet [from, to]. */
async function assertNoOverlap(tx: Tx, a: { staffId: number; stationId: number; fromDate: string; toDate: string | null; self?: number }) {
  const other = await tx.assignment.findFirst({
    where: {
      staffId: a.staffId,
      stationId: a.stationId,
      ...(a.self === undefined ? {} : { NOT: { id: a.self } }),
      ...(a.toDate === null ? {} : { fromDate: { lte: a.toDate } }),
      OR: [{ toDate: null }, { toDate: { gte: a.fromDate } }],
    },
    select: { fromDate: true, toDate: true },
  });
  if (other) throw new AppError('conflict', `此人在该站点已有 ${other.fromDate} 至 ${other.toDate ?? '今'} 的派驻,日期不能重叠`);
}

const ASSIGNMENT_SELECT = {
  id: true,
  staffId: true,
  stationId: true,
  fromDate: true,
  toDate: true,
  station: { select: { code: true, name: true, countyCode: true } },
} as const satisfies Prisma.AssignmentSelect;

export async function createAssignment(deps: AppDeps, user: BureauUser, input: NewAssignmentInput): Promise<RegistryAssignment> {
  const at = deps.now();
  const created = await deps.db.$transaction(async (tx) => {
    const staff = await staffInJurisdiction(tx, user, input.staffId);
    if (staff.status !== 'active') throw new AppError('conflict', `${staff.name}已离岗,不能派驻`);
    const station = await tx.station.findUnique({
      where: { code: input.station },
      select: { id: true, code: true, countyCode: true, status: true, name: true },
    });
    if (!station) throw new AppError('not_found', `站点 ${input.station} 不存在`);
    assertWithinJurisdiction(user, station.countyCode);
    if (station.status === 'closed') throw new AppError('conflict', `${station.name}已撤销,不能派驻`);
    const toDate = input.toDate ?? null;
    await assertNoOverlap(tx, { staffId: staff.id, stationId: station.id, fromDate: input.fromDate, toDate });
    const row = await tx.assignment.create({
      data: { staffId: staff.id, stationId: station.id, fromDate: input.fromDate, toDate },
      select: ASSIGNMENT_SELECT,
    });
    await writeAudit(tx, at, user, {
      action: 'assignment.create',
      subject: `assignment:${row.id}`,
      regionCode: station.countyCode,
      after: { staffId: staff.id, staffName: staff.name, station: station.code, fromDate: row.fromDate, toDate },
    });
    return row;
  });
  return assignmentView(created);
}

export async function updateAssignment(deps: AppDeps, user: BureauUser, id: number, input: AssignmentUpdate): Promise<RegistryAssignment> {
  const at = deps.now();
  const updated = await deps.db.$transaction(async (tx) => {
    const a = await tx.assignment.findUnique({ where: { id }, select: ASSIGNMENT_SELECT });
    if (!a) throw new AppError('not_found', `派驻编号 ${id} 不存在`);
    assertWithinJurisdiction(user, a.station.countyCode);
    if (a.toDate === input.toDate) return a;
    if (input.toDate !== null && input.toDate < a.fromDate)
      throw new AppError('validation_failed', `结束日期不能早于开始日期 ${a.fromDate}`, [{ path: 'toDate', message: '结束日期不能早于开始日期' }]);
    await assertNoOverlap(tx, { staffId: a.staffId, stationId: a.stationId, fromDate: a.fromDate, toDate: input.toDate, self: id });
    const row = await tx.assignment.update({ where: { id }, data: { toDate: input.toDate }, select: ASSIGNMENT_SELECT });
    await writeAudit(tx, at, user, {
      action: 'assignment.update',
      subject: `assignment:${id}`,
      regionCode: a.station.countyCode,
      reason: input.reason,
      before: { toDate: a.toDate },
      after: { toDate: input.toDate },
    });
    return row;
  });
  return assignmentView(updated);
}
