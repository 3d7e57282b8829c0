/**
 * The columns of each exported table, defined once: the CSV and the xlsx writers both render these,
 * so a clerk sees the same headers, order and wording whichever file they download.
 * A column says what it holds (`kind`); each writer decides how that kind looks in its format.
 * Every word for an enum (band, role, status, region level) comes from the shared vocabulary.
 */
import type { Assessment, RollupRow, StaffRow, WorkstationRow } from '@plsr/shared/schemas';
import {
  BAND_LABELS,
  REGION_LEVEL_LABELS,
  STAFF_ROLE_LABELS,
  STAFF_ROW_STATUS_LABELS,
  WORKSTATION_ROW_STATUS_LABELS,
  type Band,
} from '@plsr/shared/vocabulary';

export const ASSESSMENT_TABLES = ['workstations', 'staff', 'counties'] as const;
export type AssessmentTable = (typeof ASSESSMENT_TABLES)[number];

/** text: names and codes; integer: counts; score: points 0–100 (one decimal); share: 0–1;
 *  paragraph: a sentence (the bulletin), shown wide and wrapped. */
export type ColumnKind = 'text' | 'integer' | 'score' | 'share' | 'paragraph';
export type Cell = string | number | null;

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** The least xlsx column width (in narrow characters) for columns of names, however short the data. */
  minWidth?: number;
}
interface Column<Row> extends ColumnSpec {
  value: (row: Row) => Cell;
}

/** A table with its row type erased: headers plus a grid of cells in column order. */
export interface TableSpec {
  /** Sheet name, and the table's part of a CSV filename. */
  title: string;
  columns: readonly ColumnSpec[];
  cells: (a: Assessment) => Cell[][];
}

function defineTable<Row>(title: string, rows: (a: Assessment) => readonly Row[], columns: readonly Column<Row>[]): TableSpec {
  return { title, columns, cells: (a) => rows(a).map((row) => columns.map((c) => c.value(row))) };
}

function columnsOf<Row>() {
  const make =
    <V extends Cell>(kind: ColumnKind) =>
    (header: string, value: (row: Row) => V, minWidth?: number): Column<Row> => ({ header, kind, value, minWidth });
  return {
    text: make<string | null>('text'),
    integer: make<number | null>('integer'),
    score: make<number | null>('score'),
    share: make<number | null>('share'),
    paragraph: make<string | null>('paragraph'),
  };
}

const NAME = 12;
const LONG_NAME = 28;

const bandLabel = (band: Band | null) => (band === null ? null : BAND_LABELS[band]);

type RatingFigures = Pick<
  WorkstationRow,
  'ratings' | 'meanPoints' | 'satisfactionRate' | 'topTwoShare' | 'badReviews' | 'casesDue' | 'casesOnTime' | 'casesOnTimeShare'
>;

function ratingFigureColumns<Row extends RatingFigures>(): Column<Row>[] {
  const c = columnsOf<Row>();
  return [
    c.integer('评价数', (r) => r.ratings),
    c.score('评价平均分', (r) => r.meanPoints),
    c.share('满意率', (r) => r.satisfactionRate),
    c.share('非常满意及满意占比', (r) => r.topTwoShare),
    c.integer('差评数', (r) => r.badReviews),
    c.integer('差评工单应办结', (r) => r.casesDue),
    c.integer('按时办结', (r) => r.casesOnTime),
    c.share('按时办结率', (r) => r.casesOnTimeShare),
  ];
}

const w = columnsOf<WorkstationRow>();
const workstations = defineTable('乡镇(街道)工作站', (a) => a.workstations, [
  w.text('市', (r) => r.city.name, NAME),
  w.text('区县', (r) => r.county.name, NAME),
  w.text('乡镇(街道)', (r) => r.township.name, NAME),
  w.text('工作站', (r) => r.stationName, LONG_NAME),
  w.text('站点编码', (r) => r.stationCode),
  ...ratingFigureColumns<WorkstationRow>(),
  w.score('评价得分', (r) => r.ratingScore),
  w.score('验收得分', (r) => r.inspectionTotal),
  w.score('综合评分', (r) => r.total),
  w.text('等次', (r) => bandLabel(r.band)),
  w.text('状态', (r) => WORKSTATION_ROW_STATUS_LABELS[r.status]),
  w.text('暂不参评原因', (r) => r.exemptReason, LONG_NAME),
]);

const s = columnsOf<StaffRow>();
const staff = defineTable('人员', (a) => a.staff, [
  s.integer('排名', (r) => r.rank),
  s.text('姓名', (r) => r.name, NAME),
  s.text('人员类别', (r) => STAFF_ROLE_LABELS[r.role]),
  s.text('所在机构', (r) => r.organisation, LONG_NAME),
  s.text('执业证号', (r) => r.licenceNumber, 20),
  s.text('市', (r) => r.city.name, NAME),
  s.text('区县', (r) => r.county.name, NAME),
  ...ratingFigureColumns<StaffRow>(),
  s.score('同类人员平均分', (r) => r.prior),
  s.score('得分', (r) => r.score),
  s.text('等次', (r) => bandLabel(r.band)),
  s.text('状态', (r) => STAFF_ROW_STATUS_LABELS[r.status]),
]);

const u = columnsOf<RollupRow>();
const counties = defineTable('区县汇总', (a) => [...a.counties, ...a.cities], [
  u.text('层级', (r) => REGION_LEVEL_LABELS[r.region.level]),
  u.text('行政区划', (r) => r.region.name, NAME),
  u.text('行政区划代码', (r) => r.region.code),
  u.integer('工作站数', (r) => r.workstations),
  u.integer('好', (r) => r.good),
  u.integer('中', (r) => r.fair),
  u.integer('差', (r) => r.poor),
  u.integer('暂不参评', (r) => r.exempt),
  u.integer('其中未验收', (r) => r.uninspected),
  u.integer('无数据', (r) => r.unscored),
  u.score('平均综合评分', (r) => r.meanTotal),
  u.integer('评价数', (r) => r.ratings),
  u.paragraph('通报', (r) => r.bulletin),
]);

export const TABLES: Record<AssessmentTable, TableSpec> = { workstations, staff, counties };
