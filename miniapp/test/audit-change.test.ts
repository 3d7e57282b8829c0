/** The audit log's 变更 column: fields by their Chinese names, a change as only what changed. */
import { describeChange } from '../src/bureau/lib/audit-change';

describe('describeChange', () => {
  it('lists what was made, field by field, codes as labels, empty fields left out', () => {
    expect(describeChange('staff:9', null, { name: '苏敏', role: 'lawyer', licenceNumber: null, status: 'active' })).toEqual([
      '名称:苏敏',
      '类别:律师',
      '状态:在岗',
    ]);
  });

  it('shows only the fields that changed, old → new, in the subject’s own vocabulary', () => {
    expect(describeChange('station:T640402001', { name: '南关街道工作站', status: 'active' }, { name: '南关街道工作站', status: 'suspended' })).toEqual([
      '状态:正常服务 → 暂停服务',
    ]);
    expect(describeChange('staff:3', { status: 'active', organisation: '甲所' }, { status: 'left', organisation: '乙所' })).toEqual([
      '状态:在岗 → 已离岗',
      '执业机构或单位:甲所 → 乙所',
    ]);
    expect(describeChange('rating:12', { status: 'flagged' }, { status: 'excluded' })).toEqual(['状态:待核查 → 已剔除']);
    expect(describeChange('assignment:4', { toDate: null }, { toDate: '2026-06-10' })).toEqual(['结束日期:(空) → 2026-06-10']);
    expect(describeChange('case:7', { status: 'verify' }, { status: 'act', step: 'verify' })).toEqual(['状态:待核实 → 待整改或说明', '办理步骤:(空) → 核实']);
  });

  it('names the inspection aspects and reads booleans and lists', () => {
    expect(describeChange('inspection:T640402100:2026', { standardisation: 16, exempt: false }, { standardisation: 18, exempt: false })).toEqual([
      '建设标准化:16 → 18',
    ]);
    expect(describeChange('account:xiji', null, { disabled: true })).toEqual(['停用:是']);
    expect(describeChange('sample:640402:2026', null, { stations: ['V1', 'V2'] })).toEqual(['抽中的站点:V1、V2']);
  });

  it('shows nothing when nothing was kept (a password reset)', () => {
    expect(describeChange('account:xiji', null, null)).toEqual([]);
  });
});
