/**
 * 人员与派驻: the people a county's bureau keeps (lawyers, mediators, notaries, legal-aid and grassroots
 * workers) and where each serves. A person is added, edited, or marked 已离岗 (they leave every station
 * page at once); a posting starts on a date and ends on one. Licence numbers stay unique per role.
 * For many rows at a time, the Excel round trip on 服务人员名册 does the same.
 */
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import { beijingDateTime } from '@plsr/shared/time';
import { STAFF_LICENCE_MAX, STAFF_NAME_MAX, STAFF_ORGANISATION_MAX, type BindingCode, type RegistryAssignment, type RegistryStaff } from '@plsr/shared/schemas';
import { STAFF_ROLE_LABELS, STAFF_ROLES, STAFF_STATUS_LABELS, STAFF_STATUSES, type StaffRole, type StaffStatus } from '@plsr/shared/vocabulary';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { ChoiceRow } from '../../components/Choice';
import { CountyPageTop, useRegistry } from '../../components/CountyPicker';
import { type Column } from '../../components/DataTable';
import { SearchableTable } from '../../components/SearchableTable';
import { Section } from '../../components/Section';
import { ReasonActions } from '../../components/ReasonActions';
import { BureauShell } from '../../components/Shell';
import { matches, today } from '../../lib/format';
import { fieldErrorsOf, messageOf } from '../../../lib/errors';
import { bureauCall } from '../../lib/session';

const ROLE_OPTIONS = STAFF_ROLES.map((r) => ({ value: r, text: STAFF_ROLE_LABELS[r] }));
const STATUS_OPTIONS = STAFF_STATUSES.map((s) => ({ value: s, text: STAFF_STATUS_LABELS[s] }));
/** Serving on the day: started, and not ended before it. */
const serving = (a: RegistryAssignment, day: string) => a.fromDate <= day && (a.toDate === null || a.toDate >= day);
const period = (a: RegistryAssignment) => `${a.fromDate} 至 ${a.toDate ?? '今'}`;

type Person = { name: string; role: StaffRole; licenceNumber: string; organisation: string };
const EMPTY: Person = { name: '', role: 'lawyer', licenceNumber: '', organisation: '' };

/** The text fields of a person, for the new-person form and the edit form alike. */
function PersonFields({ person, onChange, errors, prefix }: { person: Person; onChange: (p: Person) => void; errors: Record<string, string>; prefix: string }) {
  return (
    <View>
      <Text className="field-label">姓名</Text>
      <Input
        className="input"
        {...fieldLabel(`${prefix}姓名`)}
        value={person.name}
        maxlength={STAFF_NAME_MAX}
        onInput={(e) => onChange({ ...person, name: e.detail.value })}
      />
      <FieldError message={errors.name} />
      <ChoiceRow label={`${prefix}类别`} options={ROLE_OPTIONS} value={person.role} onChange={(role) => onChange({ ...person, role })} />
      <Text className="field-label">执业证号(律师、公证员等填写;没有可不填)</Text>
      <Input
        className="input"
        {...fieldLabel(`${prefix}执业证号`)}
        value={person.licenceNumber}
        maxlength={STAFF_LICENCE_MAX}
        onInput={(e) => onChange({ ...person, licenceNumber: e.detail.value })}
      />
      <FieldError message={errors.licenceNumber} />
      <Text className="field-label">执业机构或单位</Text>
      <Input
        className="input"
        {...fieldLabel(`${prefix}执业机构或单位`)}
        value={person.organisation}
        maxlength={STAFF_ORGANISATION_MAX}
        onInput={(e) => onChange({ ...person, organisation: e.detail.value })}
      />
      <FieldError message={errors.organisation} />
    </View>
  );
}

type Edit = { staff: RegistryStaff; person: Person; status: StaffStatus; reason: string };
type Ending = { posting: RegistryAssignment; toDate: string; reason: string; error?: string };

export default function StaffPage() {
  const { county, picker, data, reload, error } = useRegistry();
  const [done, setDone] = useState<string>();
  const [search, setSearch] = useState('');
  const [draft, setDraft] = useState<Person>(EMPTY);
  const [draftErrors, setDraftErrors] = useState<Record<string, string>>({});
  const [editing, setEdit] = useState<Edit>();
  const [editErrors, setEditErrors] = useState<Record<string, string>>({});
  const [ending, setEnding] = useState<Ending>();
  const [posting, setPosting] = useState({ search: '', station: '', fromDate: today(), toDate: '' });
  const [postingErrors, setPostingErrors] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<BindingCode>();
  const [issueError, setIssueError] = useState<string>();
  const day = today();

  // The form belongs to the county on screen (a city or the region may pick another meanwhile).
  const edit = editing && editing.staff.countyCode === county?.code ? editing : undefined;
  /** Reads the county again, and the person being edited as they are now (a new posting, an ended one). */
  const refresh = () =>
    reload().then((r) => {
      const again = r?.staff.find((s) => s.id === editing?.staff.id);
      setEdit((e) => (e && again ? { ...e, staff: again } : e));
    });

  const rows = useMemo(
    () => (data?.staff ?? []).filter((s) => matches(search, s.name, s.licenceNumber, s.organisation, ...s.assignments.map((a) => a.stationName))),
    [data, search],
  );
  const openStations = (data?.stations ?? []).filter((s) => s.status !== 'closed' && matches(posting.search, s.name, s.code)).slice(0, 12);

  const open = (s: RegistryStaff) => {
    setDone(undefined);
    setEditErrors({});
    setPostingErrors({});
    setEnding(undefined);
    setPosting({ search: '', station: '', fromDate: today(), toDate: '' });
    setEdit({
      staff: s,
      person: { name: s.name, role: s.role, licenceNumber: s.licenceNumber ?? '', organisation: s.organisation },
      status: s.status,
      reason: '',
    });
    // The form is above the table: bring it into view from a row far down.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  };

  const create = async () => {
    if (!county) return;
    setDraftErrors({});
    try {
      const made = await bureauCall(CONSOLE_ROUTES.createStaff, {
        body: {
          county: county.code,
          name: draft.name,
          role: draft.role,
          organisation: draft.organisation,
          ...(draft.licenceNumber.trim() ? { licenceNumber: draft.licenceNumber } : {}),
        },
      });
      setDraft(EMPTY);
      await reload();
      open(made);
      setDone(`已新增:${made.name}(人员编号 ${made.id})。请在“${made.name}的派驻”中安排服务站点。`);
    } catch (e) {
      setDraftErrors(fieldErrorsOf(e, '新增失败,请稍后重试'));
    }
  };

  const save = async () => {
    if (!edit || !county) return;
    setEditErrors({});
    const { staff, person } = edit;
    const changed = {
      ...(person.name.trim() !== staff.name ? { name: person.name } : {}),
      ...(person.role !== staff.role ? { role: person.role } : {}),
      ...(person.licenceNumber.trim() !== (staff.licenceNumber ?? '') ? { licenceNumber: person.licenceNumber } : {}),
      ...(person.organisation.trim() !== staff.organisation ? { organisation: person.organisation } : {}),
      ...(edit.status !== staff.status ? { status: edit.status } : {}),
    };
    if (!Object.keys(changed).length) {
      setEditErrors({ form: '没有要保存的修改' });
      return;
    }
    try {
      const saved = await bureauCall(CONSOLE_ROUTES.updateStaff, { params: { id: staff.id }, body: { ...changed, reason: edit.reason } });
      setDone(`已保存:${saved.name}(${STAFF_STATUS_LABELS[saved.status]})`);
      setEdit(undefined);
      void reload();
    } catch (e) {
      setEditErrors(fieldErrorsOf(e, '保存失败,请稍后重试'));
    }
  };

  const issueCode = async () => {
    if (!edit) return;
    setIssueError(undefined);
    try {
      setIssued(await bureauCall(CONSOLE_ROUTES.issueBindingCode, { params: { id: edit.staff.id } }));
    } catch (e) {
      setIssueError(messageOf(e, '发放失败,请稍后重试'));
    }
  };

  const post = async () => {
    if (!edit || !county) return;
    setPostingErrors({});
    if (!posting.station) {
      setPostingErrors({ station: '请选择站点' });
      return;
    }
    try {
      const made = await bureauCall(CONSOLE_ROUTES.createAssignment, {
        body: { staffId: edit.staff.id, station: posting.station, fromDate: posting.fromDate.trim(), toDate: posting.toDate.trim() || null },
      });
      setDone(`已派驻:${edit.staff.name} → ${made.stationName}(${period(made)})`);
      setPosting({ search: '', station: '', fromDate: today(), toDate: '' });
      void refresh();
    } catch (e) {
      setPostingErrors(fieldErrorsOf(e, '派驻失败,请稍后重试'));
    }
  };

  const end = async () => {
    if (!ending || !edit || !county) return;
    try {
      const saved = await bureauCall(CONSOLE_ROUTES.updateAssignment, {
        params: { id: ending.posting.id },
        body: { toDate: ending.toDate.trim(), reason: ending.reason },
      });
      setDone(`已结束派驻:${edit.staff.name} · ${saved.stationName}(${period(saved)})`);
      setEnding(undefined);
      void refresh();
    } catch (e) {
      const errors = fieldErrorsOf(e, '操作失败,请稍后重试');
      setEnding({ ...ending, error: errors.toDate ?? errors.reason ?? errors.form });
    }
  };

  const columns: Column<RegistryStaff>[] = [
    { key: 'id', label: '编号', value: (s) => s.id, numeric: true },
    { key: 'name', label: '姓名', value: (s) => s.name },
    { key: 'role', label: '类别', value: (s) => STAFF_ROLE_LABELS[s.role] },
    { key: 'licence', label: '执业证号', value: (s) => s.licenceNumber },
    { key: 'organisation', label: '执业机构或单位', value: (s) => s.organisation },
    { key: 'status', label: '状态', value: (s) => STAFF_STATUS_LABELS[s.status] },
    {
      key: 'stations',
      label: '当前派驻',
      wrap: true,
      value: (s) =>
        s.assignments
          .filter((a) => serving(a, day))
          .map((a) => a.stationName)
          .join('、') || null,
    },
    {
      key: 'actions',
      label: '操作',
      value: () => null,
      render: (s) => (
        <Text className="link" {...roleOf('button')} aria-label={`编辑:${s.name}`} onClick={() => open(s)}>
          编辑
        </Text>
      ),
    },
  ];

  return (
    <BureauShell title="人员与派驻" current="staff">
      <CountyPageTop picker={picker} done={done} error={error} />

      {edit ? (
        <View {...roleOf('group')} aria-label={`编辑 ${edit.staff.name}`}>
          <Section title={`编辑:${edit.staff.name}(人员编号 ${edit.staff.id})`} form>
            <PersonFields person={edit.person} onChange={(person) => setEdit({ ...edit, person })} errors={editErrors} prefix="" />
            <ChoiceRow label="在岗状态" options={STATUS_OPTIONS} value={edit.status} onChange={(status) => setEdit({ ...edit, status })} />
            {edit.status === 'left' && edit.staff.status === 'active' ? (
              <Text className="muted">标为已离岗后,此人不再出现在任何站点的评价页上;已有的评价仍计入年终考核。</Text>
            ) : null}
            <ReasonActions
              name="修改原因"
              reason={edit.reason}
              onReason={(reason) => setEdit({ ...edit, reason })}
              error={editErrors.reason ?? editErrors.form}
              confirm="保存修改"
              onConfirm={() => void save()}
              cancel="关闭"
              onCancel={() => setEdit(undefined)}
            />
          </Section>

          {edit.staff.status === 'active' ? (
            <Section title={`${edit.staff.name}的登录`} form>
              <Text className="muted">
                发放一次性绑定码:本人在微信小程序“服务人员登录”中输入即绑定微信,或在网页中设置用户名和密码。72 小时内有效,只能用一次;重新发放后旧码作废。
              </Text>
              {issued && issued.staff.id === edit.staff.id ? (
                <Text className="notice notice--ok binding-code" {...roleOf('status')} userSelect>
                  {edit.staff.name}的绑定码:{issued.code}
                  {'\n'}有效至 {beijingDateTime(new Date(issued.expiresAt))},只显示这一次,请当面或电话告知本人。
                  {'\n'}使用方法:微信小程序“公共法律服务评价”首页 › 工作人员登录 › 服务人员首次使用,输入绑定码。
                </Text>
              ) : null}
              <FieldError message={issueError} />
              <View className="actions">
                {/* A slip to hand over: the browser prints only the code's box (bureau.css, @media print). */}
                {process.env.TARO_ENV === 'h5' && issued && issued.staff.id === edit.staff.id ? (
                  <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={() => window.print()}>
                    打印绑定码
                  </Button>
                ) : null}
                <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={() => void issueCode()}>
                  发放绑定码
                </Button>
              </View>
            </Section>
          ) : null}

          <Section title={`${edit.staff.name}的派驻`} form>
            {edit.staff.assignments.length ? (
              <View {...roleOf('list')} aria-label="派驻记录">
                {edit.staff.assignments.map((a) => (
                  <View key={a.id} className="posting" {...roleOf('listitem')}>
                    <Text>
                      {a.stationName} · {period(a)}
                      {serving(a, day) ? '(在岗)' : ''}
                    </Text>
                    {a.toDate === null || a.toDate >= day ? (
                      <Text
                        className="link"
                        {...roleOf('button')}
                        aria-label={`结束派驻:${a.stationName}`}
                        onClick={() => setEnding({ posting: a, toDate: day, reason: '' })}
                      >
                        结束派驻
                      </Text>
                    ) : null}
                  </View>
                ))}
              </View>
            ) : (
              <Text className="muted">还没有派驻记录。</Text>
            )}
            {ending ? (
              <View {...roleOf('group')} aria-label={`结束派驻 ${ending.posting.stationName}`}>
                <Text className="field-label">最后服务日期(YYYY-MM-DD)</Text>
                <Input
                  className="input"
                  {...fieldLabel('最后服务日期')}
                  value={ending.toDate}
                  maxlength={10}
                  onInput={(e) => setEnding({ ...ending, toDate: e.detail.value })}
                />
                <ReasonActions
                  name="结束原因"
                  reason={ending.reason}
                  onReason={(reason) => setEnding({ ...ending, reason })}
                  error={ending.error}
                  confirm="确认结束"
                  onConfirm={() => void end()}
                  onCancel={() => setEnding(undefined)}
                />
              </View>
            ) : null}
            {edit.staff.status === 'active' ? (
              <View>
                <Text className="section-heading section-heading--minor" {...roleOf('heading')} aria-level="3">
                  新增派驻
                </Text>
                <Input
                  className="input"
                  {...fieldLabel('查找站点')}
                  placeholder="输入站点名称或编码查找"
                  value={posting.search}
                  onInput={(e) => setPosting({ ...posting, search: e.detail.value })}
                />
                <ChoiceRow
                  label="派驻站点"
                  options={openStations.map((s) => ({ value: s.code, text: s.name }))}
                  value={posting.station}
                  onChange={(station) => setPosting({ ...posting, station })}
                />
                <FieldError message={postingErrors.station} />
                <Text className="field-label">开始日期(YYYY-MM-DD)</Text>
                <Input
                  className="input"
                  {...fieldLabel('开始日期')}
                  value={posting.fromDate}
                  maxlength={10}
                  onInput={(e) => setPosting({ ...posting, fromDate: e.detail.value })}
                />
                <FieldError message={postingErrors.fromDate} />
                <Text className="field-label">结束日期(长期派驻不填)</Text>
                <Input
                  className="input"
                  {...fieldLabel('结束日期')}
                  value={posting.toDate}
                  maxlength={10}
                  onInput={(e) => setPosting({ ...posting, toDate: e.detail.value })}
                />
                <FieldError message={postingErrors.toDate ?? postingErrors.form} />
                <View className="actions">
                  <Button className="btn btn--primary btn--inline" {...roleOf('button')} onClick={() => void post()}>
                    确认派驻
                  </Button>
                </View>
              </View>
            ) : (
              <FieldError message={postingErrors.form} />
            )}
          </Section>
        </View>
      ) : null}

      <SearchableTable
        title={data && `${data.county.name}的服务人员(${data.staff.length} 名)`}
        searchLabel="搜索服务人员"
        placeholder="按姓名、证号、单位或站点搜索"
        search={search}
        onSearch={setSearch}
        caption="服务人员名单"
        columns={columns}
        rows={data ? rows : undefined}
        loading={Boolean(county)}
        rowKey={(s) => s.id}
      />

      {data ? (
        <Section title="新增服务人员" form>
          <PersonFields person={draft} onChange={setDraft} errors={draftErrors} prefix="新人员" />
          <FieldError message={draftErrors.form ?? draftErrors.county} />
          <View className="actions">
            <Button className="btn btn--primary btn--inline" {...roleOf('button')} onClick={() => void create()}>
              新增人员
            </Button>
          </View>
        </Section>
      ) : null}
    </BureauShell>
  );
}
