/**
 * The vocabulary only the bureau console, the workers' pages and the server show (the year-end's bands
 * and row statuses, inspection aspects, account roles, audit actions, appeals, staff and station states), re-exported by vocabulary.ts. A module of its
 * own: the resident's app imports vocabulary.ts, and with everything there it would carry these too.
 */
import type { Band, InspectionAspect, StaffRowStatus, StaffStatus, StationStatus, UserRole, WorkstationRowStatus } from './vocabulary';

/** A person's and a station's state as the console and the workers' pages write them. */
export const STAFF_STATUS_LABELS: Record<StaffStatus, string> = { active: '在岗', left: '已离岗' };
export const STATION_STATUS_LABELS: Record<StationStatus, string> = {
  active: '正常服务',
  suspended: '暂停服务',
  closed: '已撤销',
};

export const INSPECTION_ASPECT_LABELS: Record<InspectionAspect, string> = {
  standardisation: '建设标准化',
  professionalism: '服务专业化',
  openness: '公开常态化',
  management: '管理规范化',
  informatisation: '工作信息化',
};

export const BAND_LABELS: Record<Band, string> = { good: '好', fair: '中', poor: '差' };

export const WORKSTATION_ROW_STATUS_LABELS: Record<WorkstationRowStatus, string> = {
  scored: '已验收',
  uninspected: '未验收',
  no_ratings: '无群众评价',
  exempt: '暂不参评',
  no_data: '无数据',
};

export const STAFF_ROW_STATUS_LABELS: Record<StaffRowStatus, string> = {
  scored: '已评定',
  insufficient: '样本不足',
  no_ratings: '无评价',
};

/** What the audit log records; each change a bureau makes is one of these (subject names what it changed). */
export const AUDIT_ACTIONS = [
  'rating.clear',
  'rating.exclude',
  'inspection.record',
  'inspection.correct',
  'inspection.sample',
  'account.create',
  'account.reset_password',
  'account.disable',
  'account.enable',
  'staff.create',
  'staff.update',
  'staff.binding_code',
  'appeal.uphold',
  'appeal.reject',
  'assignment.create',
  'assignment.update',
  'station.create',
  'station.update',
  'case.step',
  'case.callback_phone',
  'policy.set',
  'assessment.publish',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'rating.clear': '核查放行评价',
  'rating.exclude': '核查排除评价',
  'inspection.record': '录入验收',
  'inspection.correct': '更正验收',
  'inspection.sample': '抽取村(社区)工作室',
  'account.create': '创建账号',
  'account.reset_password': '重置密码',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'staff.create': '新增服务人员',
  'staff.update': '修改服务人员',
  'staff.binding_code': '发放绑定码',
  'appeal.uphold': '支持申诉',
  'appeal.reject': '驳回申诉',
  'assignment.create': '新增派驻',
  'assignment.update': '修改派驻',
  'station.create': '新增工作室',
  'station.update': '修改站点',
  'case.step': '差评工单办理',
  'case.callback_phone': '查看回访电话',
  'policy.set': '设定考核政策',
  'assessment.publish': '发布年终考核结果',
};
export const USER_ROLE_LABELS: Record<UserRole, string> = { county: '县(区)司法局', city: '市司法局', region: '自治区司法厅' };

/** A worker's appeal (申诉) of a rating: waiting for the county bureau, upheld (the rating excluded) or rejected. */
export const APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { pending: '待处理', upheld: '申诉成立', rejected: '申诉不成立' };
export const APPEAL_DECISIONS = ['uphold', 'reject'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

/** A worker's notice (issue 12, part 6): the day's new ratings counted, or the decision on their appeal. */
export const NOTIFICATION_KINDS = ['new_rating', 'appeal_decided'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A 差评 case (差评工单, issue 13): where it stands — the next step to take (核实, then 整改 or 解释说明,
 * then 回访), or how it ended (办结, or 作废 when its rating was excluded).
 */
export const CASE_STATUSES = ['verify', 'act', 'callback', 'closed', 'void'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { verify: '待核实', act: '待整改或说明', callback: '待回访', closed: '已办结', void: '已作废' };
/** The steps a bureau records; `void` is the system's when the rating is excluded. */
export const CASE_STEPS = ['verify', 'rectify', 'explain', 'callback', 'void'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
export const CASE_STEP_LABELS: Record<CaseStep, string> = { verify: '核实', rectify: '整改', explain: '解释说明', callback: '回访', void: '作废' };
/** Which step moves a case from which status, and where to. */
export const CASE_TRANSITIONS: Record<Exclude<CaseStep, 'void'>, { from: CaseStatus; to: CaseStatus }> = {
  verify: { from: 'verify', to: 'act' },
  rectify: { from: 'act', to: 'callback' },
  explain: { from: 'act', to: 'callback' },
  callback: { from: 'callback', to: 'closed' },
};

/** A figure that differs between two year-ends: two published revisions, or the current and a draft policy. */
export const RUN_CHANGE_FIELDS = [
  'row',
  'ratings',
  'inspectionTotal',
  'ratingScore',
  'total',
  'score',
  'band',
  'rank',
  'status',
  'casesDue',
  'casesOnTime',
  'bulletin',
] as const;
export type RunChangeField = (typeof RUN_CHANGE_FIELDS)[number];
export const RUN_CHANGE_FIELD_LABELS: Record<RunChangeField, string> = {
  row: '列入考核',
  ratings: '评价数',
  inspectionTotal: '验收得分',
  ratingScore: '评价得分',
  total: '综合评分',
  score: '得分',
  band: '等次',
  rank: '排名',
  status: '状态',
  casesDue: '差评工单应办结',
  casesOnTime: '按时办结',
  bulletin: '通报用语',
};
