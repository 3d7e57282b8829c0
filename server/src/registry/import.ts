/**
 * The registry in Excel (issue 11, part 4): export a region's staff and assignments, and import the
 * edited file back. The import reads every row, checks it against the file and the database, and
 * either reports (dry run), refuses the whole file (any problem), or applies every change in one
 * transaction with an audit entry each. An unchanged export imports as a no-op.
 */
import {
  STAFF_LICENCE_MAX as LICENCE_MAX,
  STAFF_NAME_MAX as NAME_MAX,
  STAFF_ORGANISATION_MAX as ORGANISATION_MAX,
  type RegistryImportInput,
  type RegistryImportReport,
  type RegistryProblem,
} from '@plsr/shared/schemas';
import { isCalendarDate } from '@plsr/shared/time';
import {
  parseVocabulary,
  STAFF_ROLES,
  STAFF_ROLE_LABELS,
  STAFF_STATUSES,
  STAFF_STATUS_LABELS,
  type StaffRole,
  type StaffStatus,
} from '@plsr/shared/vocabulary';
import type { BureauUser } from '../auth/guards';
import { writeAudit } from '../audit/write';
import { personView } from './staff';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import {
  ASSIGNMENT_COLUMNS,
  ASSIGNMENT_SHEET,
  readRegistryXlsx,
  registryXlsx,
  STAFF_COLUMNS,
  STAFF_SHEET,
  WorkbookUnreadable,
  type RegistryRows,
} from './workbook';

const IMPORT_REASON = '名册导入';

type StaffFields = {
  name: string;
  role: StaffRole;
  licenceNumber: string | null;
  organisation: string;
  countyCode: string;
  cityCode: string;
  status: StaffStatus;
};

async function regionOrThrow(deps: Pick<AppDeps, 'db'>, code: string) {
  const region = await deps.db.region.findUnique({ where: { code }, select: { code: true, name: true, level: true } });
  if (!region) throw new AppError('not_found', `行政区划 ${code} 不存在`);
  if (region.level === 'township' || region.level === 'village') {
    throw new AppError('validation_failed', '名册按县(区)或以上管理,请选择县(区)、市或全区', [{ path: 'region', message: '名册按县(区)或以上管理' }]);
  }
  return region;
}

/** The region's staff and their assignments at stations of the region, in the workbook's layout. */
async function registryRows(deps: Pick<AppDeps, 'db'>, region: string): Promise<RegistryRows> {
  const staff = await deps.db.staff.findMany({
    where: { countyCode: { startsWith: region } },
    orderBy: [{ countyCode: 'asc' }, { id: 'asc' }],
    include: {
      assignments: {
        where: { station: { countyCode: { startsWith: region } } },
        include: { station: { select: { code: true, name: true } } },
        orderBy: [{ fromDate: 'asc' }, { id: 'asc' }],
      },
    },
  });
  return {
    staff: staff.map(personView),
    assignments: staff.flatMap((s) =>
      s.assignments.map((a) => ({
        staffId: s.id,
        staffName: s.name,
        stationCode: a.station.code,
        stationName: a.station.name,
        fromDate: a.fromDate,
        toDate: a.toDate,
      })),
    ),
  };
}

export async function exportRegistry(deps: Pick<AppDeps, 'db'>, region: string): Promise<{ body: Buffer; filename: string }> {
  const r = await regionOrThrow(deps, region);
  return { body: await registryXlsx(await registryRows(deps, region)), filename: `${r.name}服务人员名册.xlsx` };
}

export async function registryTemplate(): Promise<{ body: Buffer; filename: string }> {
  return { body: await registryXlsx({ staff: [], assignments: [] }), filename: '服务人员名册导入模板.xlsx' };
}

const byLabel = <V extends string>(values: readonly V[], labels: Record<V, string>, text: string): V | undefined =>
  values.find((v) => labels[v] === text || v === text);

interface Plan {
  problems: RegistryProblem[];
  createStaff: { key: string; fields: StaffFields }[];
  updateStaff: { id: number; before: StaffFields; fields: StaffFields }[];
  unchangedStaff: number;
  createAssignments: { staff: { id: number } | { key: string }; stationId: number; countyCode: string; fromDate: string; toDate: string | null }[];
  updateAssignments: { id: number; countyCode: string; before: string | null; toDate: string | null }[];
  unchangedAssignments: number;
}

/** Reads and checks the file against the database; nothing is written. */
async function plan(deps: Pick<AppDeps, 'db'>, region: string, file: Buffer): Promise<Plan> {
  const problems: RegistryProblem[] = [];
  const problem = (sheet: string, row: number, column: string | null, message: string) => problems.push({ sheet, row, column, message });
  let read;
  try {
    read = await readRegistryXlsx(file);
  } catch (error) {
    if (error instanceof WorkbookUnreadable) throw new AppError('validation_failed', error.message, [{ path: 'file', message: error.message }]);
    throw error;
  }
  for (const sheet of read.missingSheets) problem(sheet, 1, null, `缺少工作表“${sheet}”(请使用导出的名册或导入模板)`);
  for (const h of read.headerProblems) problem(h.sheet, 1, null, h.message);

  const counties = new Map(
    (await deps.db.region.findMany({ where: { level: 'county', code: { startsWith: region.slice(0, 6) } }, select: { code: true, cityCode: true } }))
      .filter((c) => c.code.startsWith(region))
      .map((c) => [c.code, c.cityCode ?? c.code.slice(0, 4)]),
  );
  const existing = new Map((await deps.db.staff.findMany({ where: { countyCode: { startsWith: region } } })).map((s) => [s.id, s]));

  // 服务人员
  const [cKey, cName, cRole, cLicence, cOrg, cCounty, cStatus] = STAFF_COLUMNS;
  const keys = new Map<string, { id: number } | { key: string }>();
  const licences = new Map<string, number>();
  const repeated = new Set<number>();
  const createStaff: Plan['createStaff'] = [];
  const updateStaff: Plan['updateStaff'] = [];
  let unchangedStaff = 0;
  for (const line of read.staff) {
    const p = (column: string, message: string) => problem(STAFF_SHEET, line.row, column, message);
    let ref: { id: number } | { key: string } | undefined;
    if (line.key === '') p(cKey, '请填写人员编号(新增人员填写以“新”开头的临时编号,如 新1)');
    else if (keys.has(line.key)) p(cKey, `人员编号 ${line.key} 重复`);
    else if (line.key.startsWith('新')) ref = { key: line.key };
    else if (/^\d{1,9}$/.test(line.key) && existing.has(Number(line.key))) ref = { id: Number(line.key) };
    else p(cKey, `人员编号 ${line.key} 不在本辖区名册中(新增人员请填写以“新”开头的临时编号)`);
    if (ref) keys.set(line.key, ref);

    if (line.name === '') p(cName, '请填写姓名');
    else if (line.name.length > NAME_MAX) p(cName, `姓名不能超过 ${NAME_MAX} 字`);
    const role = byLabel(STAFF_ROLES, STAFF_ROLE_LABELS, line.role);
    if (!role) p(cRole, `类别应为:${STAFF_ROLES.map((r) => STAFF_ROLE_LABELS[r]).join('、')}`);
    if (line.licence.length > LICENCE_MAX) p(cLicence, `执业证号不能超过 ${LICENCE_MAX} 个字符`);
    if (line.organisation === '') p(cOrg, '请填写执业机构或单位');
    else if (line.organisation.length > ORGANISATION_MAX) p(cOrg, `执业机构或单位不能超过 ${ORGANISATION_MAX} 字`);
    const cityCode = counties.get(line.county);
    if (!cityCode) p(cCounty, line.county === '' ? '请填写所属县(区)代码' : `${line.county} 不是本辖区内的县(区)代码`);
    const status = line.status === '' ? 'active' : byLabel(STAFF_STATUSES, STAFF_STATUS_LABELS, line.status);
    if (!status) p(cStatus, `状态应为:${STAFF_STATUSES.map((s) => STAFF_STATUS_LABELS[s]).join('、')}`);
    if (role && line.licence) {
      const other = licences.get(`${role} ${line.licence}`);
      if (other !== undefined) {
        p(cLicence, `执业证号 ${line.licence} 与第 ${other} 行重复`);
        repeated.add(line.row);
      } else licences.set(`${role} ${line.licence}`, line.row);
    }
    if (!ref || !role || !cityCode || !status || line.name === '' || line.organisation === '') continue;
    const fields: StaffFields = {
      name: line.name,
      role,
      licenceNumber: line.licence || null,
      organisation: line.organisation,
      countyCode: line.county,
      cityCode,
      status,
    };
    if ('key' in ref) {
      createStaff.push({ key: ref.key, fields });
      continue;
    }
    const s = existing.get(ref.id)!;
    const before: StaffFields = {
      name: s.name,
      role: parseVocabulary(STAFF_ROLES, s.role, `Staff ${s.id} role`),
      licenceNumber: s.licenceNumber,
      organisation: s.organisation,
      countyCode: s.countyCode,
      cityCode: s.cityCode,
      status: parseVocabulary(STAFF_STATUSES, s.status, `Staff ${s.id} status`),
    };
    if ((Object.keys(fields) as (keyof StaffFields)[]).every((k) => fields[k] === before[k])) unchangedStaff++;
    else updateStaff.push({ id: ref.id, before, fields });
  }
  // A licence number is unique per role across the whole registry, not only this file.
  const wanted = [...createStaff.map((c) => ({ id: 0, ...c.fields })), ...updateStaff.map((u) => ({ id: u.id, ...u.fields }))].filter((f) => f.licenceNumber);
  if (wanted.length) {
    const taken = await deps.db.staff.findMany({
      where: { licenceNumber: { in: [...new Set(wanted.map((w) => w.licenceNumber!))] } },
      select: { id: true, role: true, licenceNumber: true, name: true },
    });
    for (const line of read.staff) {
      const role = byLabel(STAFF_ROLES, STAFF_ROLE_LABELS, line.role);
      const self = /^\d+$/.test(line.key) ? Number(line.key) : 0;
      const clash = taken.find((t) => t.role === role && t.licenceNumber === line.licence && t.id !== self);
      if (line.licence && clash && !repeated.has(line.row))
        problem(STAFF_SHEET, line.row, cLicence, `执业证号 ${line.licence} 已属于名册中的${clash.name}(人员编号 ${clash.id})`);
    }
  }

  // 派驻
  const [aKey, , aStation, , aFrom, aTo] = ASSIGNMENT_COLUMNS;
  const codes = [...new Set(read.assignments.map((a) => a.stationCode).filter(Boolean))];
  const stations = new Map(
    (await deps.db.station.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, countyCode: true, status: true } })).map((s) => [
      s.code,
      s,
    ]),
  );
  const staffIdsInPosts = read.assignments.map((a) => (/^\d{1,9}$/.test(a.key) ? Number(a.key) : 0)).filter((id) => existing.has(id));
  const current = await deps.db.assignment.findMany({
    where: { staffId: { in: [...new Set(staffIdsInPosts)] } },
    select: { id: true, staffId: true, stationId: true, fromDate: true, toDate: true },
  });
  const seen = new Map<string, number>();
  const createAssignments: Plan['createAssignments'] = [];
  const updateAssignments: Plan['updateAssignments'] = [];
  let unchangedAssignments = 0;
  for (const line of read.assignments) {
    const p = (column: string, message: string) => problem(ASSIGNMENT_SHEET, line.row, column, message);
    let ref = keys.get(line.key);
    if (!ref && /^\d{1,9}$/.test(line.key) && existing.has(Number(line.key))) ref = { id: Number(line.key) };
    if (!ref) p(aKey, line.key === '' ? '请填写人员编号' : `人员编号 ${line.key} 不在“服务人员”表中,也不在本辖区名册中`);
    const station = stations.get(line.stationCode);
    if (!station) p(aStation, line.stationCode === '' ? '请填写站点编码' : `站点 ${line.stationCode} 不存在`);
    else if (!station.countyCode.startsWith(region)) p(aStation, `站点 ${line.stationCode} 不在本辖区内`);
    else if (station.status === 'closed') p(aStation, `站点 ${line.stationCode} 已撤销`);
    const fromOk = isCalendarDate(line.from);
    if (!fromOk) p(aFrom, line.from === '' ? '请填写开始日期' : `开始日期 ${line.from} 应为 YYYY-MM-DD`);
    const toOk = line.to === '' || isCalendarDate(line.to);
    if (!toOk) p(aTo, `结束日期 ${line.to} 应为 YYYY-MM-DD,或留空`);
    else if (fromOk && line.to !== '' && line.to < line.from) p(aTo, '结束日期不能早于开始日期');
    const dup = `${line.key} ${line.stationCode} ${line.from}`;
    if (seen.has(dup)) p(aStation, `与第 ${seen.get(dup)} 行重复(同一人、同一站点、同一开始日期)`);
    seen.set(dup, line.row);
    if (!ref || !station || !station.countyCode.startsWith(region) || station.status === 'closed' || !fromOk || !toOk) continue;
    const toDate = line.to === '' ? null : line.to;
    const found =
      'id' in ref ? current.find((a) => a.staffId === (ref as { id: number }).id && a.stationId === station.id && a.fromDate === line.from) : undefined;
    if (!found) createAssignments.push({ staff: ref, stationId: station.id, countyCode: station.countyCode, fromDate: line.from, toDate });
    else if (found.toDate === toDate) unchangedAssignments++;
    else updateAssignments.push({ id: found.id, countyCode: station.countyCode, before: found.toDate, toDate });
  }
  problems.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === STAFF_SHEET ? -1 : 1));
  return { problems, createStaff, updateStaff, unchangedStaff, createAssignments, updateAssignments, unchangedAssignments };
}

function report(p: Plan, dryRun: boolean, applied: boolean): RegistryImportReport {
  return {
    dryRun,
    applied,
    problems: p.problems,
    staff: { created: p.createStaff.length, updated: p.updateStaff.length, unchanged: p.unchangedStaff },
    assignments: { created: p.createAssignments.length, updated: p.updateAssignments.length, unchanged: p.unchangedAssignments },
  };
}

export async function importRegistry(deps: AppDeps, actor: BureauUser, input: RegistryImportInput): Promise<RegistryImportReport> {
  await regionOrThrow(deps, input.region);
  const p = await plan(deps, input.region, Buffer.from(input.file, 'base64'));
  if (input.dryRun) return report(p, true, false);
  if (p.problems.length) {
    throw new AppError(
      'validation_failed',
      `文件有 ${p.problems.length} 处问题,未导入任何一行`,
      p.problems.map((x) => ({
        path: `${x.sheet}!${x.row}${x.column ? ` ${x.column}` : ''}`,
        message: `${x.sheet} 第 ${x.row} 行${x.column ? ` ${x.column}` : ''}:${x.message}`,
      })),
    );
  }
  const at = deps.now();
  await deps.db.$transaction(async (tx) => {
    const made = new Map<string, number>();
    for (const c of p.createStaff) {
      const { id } = await tx.staff.create({ data: { ...c.fields, createdAt: at }, select: { id: true } });
      made.set(c.key, id);
      await writeAudit(tx, at, actor, {
        action: 'staff.create',
        subject: `staff:${id}`,
        regionCode: c.fields.countyCode,
        reason: IMPORT_REASON,
        after: c.fields,
      });
    }
    for (const u of p.updateStaff) {
      await tx.staff.update({ where: { id: u.id }, data: u.fields });
      await writeAudit(tx, at, actor, {
        action: 'staff.update',
        subject: `staff:${u.id}`,
        regionCode: u.fields.countyCode,
        reason: IMPORT_REASON,
        before: u.before,
        after: u.fields,
      });
    }
    for (const a of p.createAssignments) {
      const staffId = 'id' in a.staff ? a.staff.id : made.get(a.staff.key)!;
      const { id } = await tx.assignment.create({ data: { staffId, stationId: a.stationId, fromDate: a.fromDate, toDate: a.toDate }, select: { id: true } });
      await writeAudit(tx, at, actor, {
        action: 'assignment.create',
        subject: `assignment:${id}`,
        regionCode: a.countyCode,
        reason: IMPORT_REASON,
        after: { staffId, stationId: a.stationId, fromDate: a.fromDate, toDate: a.toDate },
      });
    }
    for (const u of p.updateAssignments) {
      await tx.assignment.update({ where: { id: u.id }, data: { toDate: u.toDate } });
      await writeAudit(tx, at, actor, {
        action: 'assignment.update',
        subject: `assignment:${u.id}`,
        regionCode: u.countyCode,
        reason: IMPORT_REASON,
        before: { toDate: u.before },
        after: { toDate: u.toDate },
      });
    }
  });
  return report(p, false, true);
}
