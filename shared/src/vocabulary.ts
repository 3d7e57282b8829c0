/**
 * The domain's words, each once, with their Chinese labels: staff roles, service types, rating levels,
 * bad-review reasons, station tiers and statuses, region levels, bands, the year-end's row statuses.
 * Every enum the API, the database, the exports and the mini-program share comes from here, and
 * `parseVocabulary` turns a database string into one of them at the repository's edge.
 * Source: ../../shared/BRIEF.md (national 好差评 rules as adapted for Ningxia).
 */

/**
 * `raw` as one of `values`. The database stores these enums as plain strings; a value outside the
 * vocabulary is a broken row, and this fails loudly, naming the field and the value, instead of letting
 * an `as` cast carry it into scores and exports.
 */
export function parseVocabulary<const V extends readonly (string | number)[]>(values: V, raw: unknown, field: string): V[number] {
  if ((values as readonly unknown[]).includes(raw)) return raw as V[number];
  throw new Error(`${field}: ${JSON.stringify(raw)} is not one of ${values.join(' | ')}`);
}

/** active: registered and serving; left: kept for the years they were rated in. */
export const STAFF_STATUSES = ['active', 'left'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const STAFF_ROLES = ['lawyer', 'mediator', 'notary', 'legal_aid_worker', 'grassroots_legal_worker'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  lawyer: '律师',
  mediator: '人民调解员',
  notary: '公证员',
  legal_aid_worker: '法律援助工作者',
  grassroots_legal_worker: '基层法律服务工作者',
};

export const SERVICE_TYPES = ['consultation', 'legal_aid', 'mediation', 'notarization', 'lawyer_service', 'document_drafting', 'legal_education'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  consultation: '法律咨询',
  legal_aid: '法律援助',
  mediation: '人民调解',
  notarization: '公证',
  lawyer_service: '律师服务',
  document_drafting: '代写法律文书',
  legal_education: '法治宣传',
};

/**
 * The service a person of each role most often gives: proposed once the resident picks them (they
 * may pick another). A proposal of what was done, never of how it was rated.
 */
export const USUAL_SERVICE_OF_ROLE: Record<StaffRole, ServiceType> = {
  lawyer: 'consultation',
  mediator: 'mediation',
  notary: 'notarization',
  legal_aid_worker: 'legal_aid',
  grassroots_legal_worker: 'consultation',
};

/** 5 非常满意 … 1 非常不满意; levels 1–2 are 差评. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};
export const isBadReview = (level: number): boolean => level <= 2;
/** 满意 in 满意率: levels 3–5. */
export const isSatisfied = (level: number): boolean => level >= 3;

/** Optional dimensions, 1–5 each. */
export const RATING_DIMENSIONS = ['attitude', 'competence', 'efficiency'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];
export const RATING_DIMENSION_LABELS: Record<RatingDimension, string> = {
  attitude: '服务态度',
  competence: '专业能力',
  efficiency: '办事效率',
};

/** Why a resident gave a 差评 (chosen from a list; free text optional). */
export const BAD_REVIEW_REASONS = ['poor_attitude', 'unprofessional', 'slow', 'not_solved', 'asked_for_fees', 'absent', 'other'] as const;
export type BadReviewReason = (typeof BAD_REVIEW_REASONS)[number];
export const BAD_REVIEW_REASON_LABELS: Record<BadReviewReason, string> = {
  poor_attitude: '服务态度差',
  unprofessional: '业务不熟练、解答不专业',
  slow: '办事拖延、效率低',
  not_solved: '问题没有得到解决',
  asked_for_fees: '违规收费或索要财物',
  absent: '工作时间找不到人',
  other: '其他',
};

export const RATER_TYPES = ['individual', 'organisation'] as const;
export type RaterType = (typeof RATER_TYPES)[number];
export const RATER_TYPE_LABELS: Record<RaterType, string> = { individual: '个人', organisation: '单位' };

/**
 * valid ratings count; flagged ones wait for a bureau's review; excluded (fraud, upheld appeal),
 * withdrawn and superseded (an earlier voice of the same resident for the same person that year) do not.
 */
export const RATING_STATUSES = ['valid', 'flagged', 'excluded', 'withdrawn', 'superseded'] as const;
export type RatingStatus = (typeof RATING_STATUSES)[number];
export const RATING_STATUS_LABELS: Record<RatingStatus, string> = {
  valid: '有效',
  flagged: '待核查',
  excluded: '已剔除',
  withdrawn: '已撤回',
  superseded: '以后续评价为准',
};

/** What a resident sees of their own rating: a rating on hold shows as submitted (the rules stay unseen). */
export const OWN_RATING_STATUSES = ['valid', 'excluded', 'withdrawn', 'superseded'] as const;
export type OwnRatingStatus = (typeof OWN_RATING_STATUSES)[number];
export function ownStatusOf(status: RatingStatus): OwnRatingStatus {
  return status === 'flagged' ? 'valid' : status;
}

/** The rater's verdict on how the bureau followed up their 差评 (issue 13, part 1), once its case is closed. */
export const FIX_VERDICTS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type FixVerdict = (typeof FIX_VERDICTS)[number];
export const FIX_VERDICT_LABELS: Record<FixVerdict, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** The fraud rules (review/rules.ts), each putting ratings on hold for a bureau to decide. */
export const REVIEW_RULES = ['staff_burst', 'fresh_residents', 'address_volume', 'resident_volume', 'outside_hours'] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];
export const REVIEW_RULE_LABELS: Record<ReviewRule, string> = {
  staff_burst: '同一人员短时间内评价激增',
  fresh_residents: '大量新注册用户集中评价同一人员',
  address_volume: '同一网络地址评价过多',
  resident_volume: '同一用户(设备)评价过多',
  outside_hours: '站点非服务时间的评价',
};

/** A bureau's decision on a rating on hold: clear (it counts) or exclude (kept, never counted). */
export const REVIEW_DECISIONS = ['clear', 'exclude'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** 中心 (county), 工作站 (township/street), 工作室 (village/community). */
export const STATION_TIERS = ['county_centre', 'township_workstation', 'village_room'] as const;
export type StationTier = (typeof STATION_TIERS)[number];
export const STATION_TIER_LABELS: Record<StationTier, string> = {
  county_centre: '公共法律服务中心',
  township_workstation: '公共法律服务工作站',
  village_room: '公共法律服务工作室',
};
/** One letter before the region code makes a station's short code (its QR `scene`). */
export const STATION_CODE_PREFIX: Record<StationTier, string> = {
  county_centre: 'C',
  township_workstation: 'T',
  village_room: 'V',
};

export const STATION_STATUSES = ['active', 'suspended', 'closed'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
/** 省(区): Ningxia is an autonomous region (自治区), as are four more of the province-level divisions. */
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省(区)',
  city: '市',
  county: '县(区)',
  township: '乡镇(街道)',
  village: '村(社区)',
};

/** The five inspection aspects of the 验收标准, 20 points each. */
export const INSPECTION_ASPECTS = ['standardisation', 'professionalism', 'openness', 'management', 'informatisation'] as const;
export type InspectionAspect = (typeof INSPECTION_ASPECTS)[number];
export const INSPECTION_ASPECT_MAX = 20;

export const BANDS = ['good', 'fair', 'poor'] as const;
export type Band = (typeof BANDS)[number];

/** A township workstation's year-end row. scored: inspection and ratings; uninspected: 未验收, ratings
 *  only; no_ratings: inspection only; exempt: 暂不参评; no_data: neither inspection nor any rating. */
export const WORKSTATION_ROW_STATUSES = ['scored', 'uninspected', 'no_ratings', 'exempt', 'no_data'] as const;
export type WorkstationRowStatus = (typeof WORKSTATION_ROW_STATUSES)[number];

/** A staff member's year-end row. insufficient: fewer ratings than the policy's minimum (样本不足), not banded. */
export const STAFF_ROW_STATUSES = ['scored', 'insufficient', 'no_ratings'] as const;
export type StaffRowStatus = (typeof STAFF_ROW_STATUSES)[number];

/** Bureau and staff accounts (password login). `region` is the autonomous-region (province) bureau. */
export const USER_ROLES = ['county', 'city', 'region'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_REGION_LEVEL: Record<UserRole, RegionLevel> = {
  county: 'county',
  city: 'city',
  region: 'province',
};

export const ASSESSMENT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type AssessmentFormat = (typeof ASSESSMENT_FORMATS)[number];

// Labels only the bureau console and the server show: their own module, so the resident's app does not carry them.
export * from './console-vocabulary';
