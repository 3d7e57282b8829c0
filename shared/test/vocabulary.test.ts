import {
  parseVocabulary,
  RATING_LEVELS,
  REGION_LEVEL_LABELS,
  REGION_LEVELS,
  STAFF_ROW_STATUS_LABELS,
  STAFF_ROW_STATUSES,
  STATION_STATUS_LABELS,
  STATION_STATUSES,
  STATION_TIERS,
  WORKSTATION_ROW_STATUS_LABELS,
  WORKSTATION_ROW_STATUSES,
} from '../src/vocabulary';

describe('parseVocabulary', () => {
  it.each([
    [STATION_TIERS, 'township_workstation', 'township_workstation'],
    [REGION_LEVELS, 'county', 'county'],
    [RATING_LEVELS, 1, 1],
    [RATING_LEVELS, 5, 5],
  ] as const)('when the value is in the vocabulary (%j, %j), then it is returned as is', (values, raw, expected) => {
    expect(parseVocabulary(values, raw, 'field')).toBe(expected);
  });

  // prettier-ignore
  it.each([
    ['a value outside the vocabulary', STATION_TIERS, 'station T1 tier', 'township', 'station T1 tier: "township" is not one of county_centre | township_workstation | village_room'],
    ['another case', REGION_LEVELS, 'region 640402 level', 'County', 'region 640402 level: "County" is not one of province | city | county | township | village'],
    ['a number where a string is stored', REGION_LEVELS, 'region 640402 level', 3, 'region 640402 level: 3 is not one of'],
    ['a string where a number is stored', RATING_LEVELS, 'rating.level', '5', 'rating.level: "5" is not one of 5 | 4 | 3 | 2 | 1'],
    ['a level out of range', RATING_LEVELS, 'rating.level', 0, 'rating.level: 0 is not one of'],
    ['null', STATION_TIERS, 'station T1 tier', null, 'station T1 tier: null is not one of'],
    ['undefined', STATION_TIERS, 'station T1 tier', undefined, 'station T1 tier: undefined is not one of'],
    ['an empty string', REGION_LEVELS, 'region 640402 level', '', 'region 640402 level: "" is not one of'],
    ['padded', REGION_LEVELS, 'region 640402 level', 'county ', 'region 640402 level: "county " is not one of'],
  ] as const)('when it is %s, then it throws naming the field and the value', (_what, values, field, raw, message) => {
    expect(() => parseVocabulary(values, raw, field)).toThrow(message);
  });

  it('narrows the type to the vocabulary', () => {
    const level: (typeof REGION_LEVELS)[number] = parseVocabulary(REGION_LEVELS, 'city' as string, 'level');
    expect(REGION_LEVEL_LABELS[level]).toBe('市');
  });
});

describe('labels', () => {
  it.each([
    ['region levels', REGION_LEVELS, REGION_LEVEL_LABELS],
    ['station statuses', STATION_STATUSES, STATION_STATUS_LABELS],
    ['workstation row statuses', WORKSTATION_ROW_STATUSES, WORKSTATION_ROW_STATUS_LABELS],
    ['staff row statuses', STAFF_ROW_STATUSES, STAFF_ROW_STATUS_LABELS],
  ] as const)('every one of the %s has a Chinese label, and only those', (_what, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const label of Object.values(labels)) expect(label).toMatch(/^[\u4e00-\u9fa5()]+$/);
  });

  it('uses the words of the brief and the 2018 bulletin', () => {
    expect(REGION_LEVEL_LABELS).toEqual({ province: '省(区)', city: '市', county: '县(区)', township: '乡镇(街道)', village: '村(社区)' });
    expect(WORKSTATION_ROW_STATUS_LABELS.uninspected).toBe('未验收');
    expect(WORKSTATION_ROW_STATUS_LABELS.exempt).toBe('暂不参评');
    expect(STAFF_ROW_STATUS_LABELS.insufficient).toBe('样本不足');
  });
});
