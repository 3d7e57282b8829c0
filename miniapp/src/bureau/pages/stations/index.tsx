/**
 * 站点管理: a county's stations (the centre, each township's workstation and its village rooms) with
 * their state. A station is renamed, suspended (暂停服务: residents cannot rate there and no new poster
 * is printed), closed (撤销) or reopened, always with a reason; a village added to a township gets
 * its 工作室. Every change is in the audit log.
 */
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { ManagedStation } from '@plsr/shared/schemas';
import { STATION_STATUS_LABELS, STATION_STATUSES, type StationStatus, type StationTier } from '@plsr/shared/vocabulary';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { ChoiceRow } from '../../components/Choice';
import { CountyPageTop, useRegistry } from '../../components/CountyPicker';
import { type Column } from '../../components/DataTable';
import { SearchableTable } from '../../components/SearchableTable';
import { Section } from '../../components/Section';
import { ReasonActions } from '../../components/ReasonActions';
import { BureauShell } from '../../components/Shell';
import { matches } from '../../lib/format';
import { fieldErrorsOf } from '../../../lib/errors';
import { bureauCall } from '../../lib/session';

const TIERS: Record<StationTier, string> = { county_centre: '县(区)中心', township_workstation: '乡镇(街道)工作站', village_room: '村(社区)工作室' };
const STATUS_OPTIONS = STATION_STATUSES.map((s) => ({ value: s, text: STATION_STATUS_LABELS[s] }));

type Edit = { station: ManagedStation; name: string; status: StationStatus; reason: string };

export default function StationsPage() {
  const { county, picker, data, reload, error } = useRegistry();
  const [done, setDone] = useState<string>();
  const [search, setSearch] = useState('');
  const [editing, setEdit] = useState<Edit>();
  const [editErrors, setEditErrors] = useState<Record<string, string>>({});
  const [room, setRoom] = useState({ township: '', village: '', villageName: '', reason: '' });
  const [roomErrors, setRoomErrors] = useState<Record<string, string>>({});

  // The form belongs to the county on screen (a city or the region may pick another meanwhile).
  const edit = editing && editing.station.countyCode === county?.code ? editing : undefined;

  const townships = useMemo(() => new Map((data?.townships ?? []).map((t) => [t.code, t.name])), [data]);
  const placeOf = (s: ManagedStation) => (s.townshipCode ? (townships.get(s.townshipCode) ?? s.townshipCode) : '县(区)本级');
  const rows = useMemo(() => (data?.stations ?? []).filter((s) => matches(search, s.name, s.code, placeOf(s))), [data, search, townships]); // eslint-disable-line react-hooks/exhaustive-deps -- placeOf reads townships

  const save = async () => {
    if (!edit || !county) return;
    setEditErrors({});
    const { station } = edit;
    const name = edit.name.trim();
    try {
      const saved = await bureauCall(CONSOLE_ROUTES.updateStation, {
        params: { code: station.code },
        body: {
          ...(name !== station.name ? { name } : {}),
          ...(edit.status !== station.status ? { status: edit.status } : {}),
          reason: edit.reason,
        },
      });
      setEdit(undefined);
      setDone(`已保存:${saved.name}(${STATION_STATUS_LABELS[saved.status]})`);
      void reload();
    } catch (e) {
      setEditErrors(fieldErrorsOf(e, '保存失败,请稍后重试'));
    }
  };

  const addRoom = async () => {
    if (!county) return;
    setRoomErrors({});
    try {
      const made = await bureauCall(CONSOLE_ROUTES.addVillageRoom, {
        body: { village: room.village.trim(), reason: room.reason, ...(room.villageName.trim() ? { villageName: room.villageName.trim() } : {}) },
      });
      setRoom({ township: room.township, village: '', villageName: '', reason: '' });
      setDone(`已新增:${made.name}(编码 ${made.code})。请到“服务人员名册”页下载海报张贴。`);
      void reload();
    } catch (e) {
      setRoomErrors(fieldErrorsOf(e, '新增失败,请稍后重试'));
    }
  };

  const columns: Column<ManagedStation>[] = [
    { key: 'name', label: '站点', value: (s) => s.name },
    { key: 'tier', label: '类别', value: (s) => TIERS[s.tier] },
    { key: 'place', label: '所属乡镇(街道)', value: placeOf },
    { key: 'code', label: '编码', value: (s) => s.code },
    { key: 'status', label: '状态', value: (s) => STATION_STATUS_LABELS[s.status] },
    {
      key: 'actions',
      label: '操作',
      value: () => null,
      render: (s) => (
        <Text
          className="link"
          {...roleOf('button')}
          aria-label={`修改:${s.name}`}
          onClick={() => {
            setDone(undefined);
            setEditErrors({});
            setEdit({ station: s, name: s.name, status: s.status, reason: '' });
            // The form is above the table: bring it into view from a row far down.
            void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
          }}
        >
          修改
        </Text>
      ),
    },
  ];

  return (
    <BureauShell title="站点管理" current="stations">
      <CountyPageTop picker={picker} done={done} error={error} />
      {edit ? (
        <View {...roleOf('group')} aria-label={`修改站点 ${edit.station.name}`}>
          <Section title={`修改站点:${edit.station.name}`} form>
            <Text className="muted">暂停服务期间群众不能在此站点评价,海报也不再打印;撤销的站点仍留在名单里,可随时恢复。</Text>
            <Text className="field-label">站点名称</Text>
            <Input className="input" {...fieldLabel('站点名称')} value={edit.name} maxlength={60} onInput={(e) => setEdit({ ...edit, name: e.detail.value })} />
            <FieldError message={editErrors.name} />
            <ChoiceRow label="状态" options={STATUS_OPTIONS} value={edit.status} onChange={(status) => setEdit({ ...edit, status })} />
            <ReasonActions
              name="修改原因"
              reason={edit.reason}
              onReason={(reason) => setEdit({ ...edit, reason })}
              error={editErrors.reason ?? editErrors.form}
              confirm="保存修改"
              onConfirm={() => void save()}
              onCancel={() => setEdit(undefined)}
            />
          </Section>
        </View>
      ) : null}
      <SearchableTable
        title={data && `${data.county.name}的站点(${data.stations.length} 个)`}
        searchLabel="搜索站点"
        placeholder="按站点名称、编码或乡镇搜索"
        search={search}
        onSearch={setSearch}
        caption="站点名单"
        columns={columns}
        rows={data ? rows : undefined}
        loading={Boolean(county)}
        rowKey={(s) => s.code}
      />
      {data ? (
        <Section title="新增村(社区)工作室" form>
          <Text className="muted">新设的村(社区)填写 12 位区划代码和名称;区划表里已有、只是还没有工作室的村,只填代码。</Text>
          <ChoiceRow
            label="乡镇(街道)"
            options={data.townships.map((t) => ({ value: t.code, text: t.name }))}
            value={room.township}
            onChange={(township) => setRoom({ ...room, township, village: room.village.startsWith(township) ? room.village : township })}
          />
          <Text className="field-label">村(社区)代码(12 位)</Text>
          <Input
            className="input"
            {...fieldLabel('村(社区)代码')}
            value={room.village}
            maxlength={12}
            onInput={(e) => setRoom({ ...room, village: e.detail.value })}
          />
          <FieldError message={roomErrors.village} />
          <Text className="field-label">村(社区)名称(新设的村填写,如 新庄村委会)</Text>
          <Input
            className="input"
            {...fieldLabel('村(社区)名称')}
            value={room.villageName}
            maxlength={30}
            onInput={(e) => setRoom({ ...room, villageName: e.detail.value })}
          />
          <FieldError message={roomErrors.villageName} />
          <ReasonActions
            name="新增原因"
            reason={room.reason}
            onReason={(reason) => setRoom({ ...room, reason })}
            error={roomErrors.reason ?? roomErrors.form}
            confirm="新增工作室"
            onConfirm={() => void addRoom()}
          />
        </Section>
      ) : null}
    </BureauShell>
  );
}
