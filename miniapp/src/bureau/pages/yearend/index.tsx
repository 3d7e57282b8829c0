/**
 * 年终考核 on screen: the year and a region of the clerk's jurisdiction; the bulletin sentence as the
 * bureau pastes it; the band counts per county and city; the township workstations (inspection,
 * rating score, total, band, 暂不参评 with its reason, 未验收) and the staff (score, 样本不足, 满意率,
 * 差评, rank), each searchable and sortable; the xlsx and CSV files to download. It reads the same
 * endpoint as the files, so the screen and the Excel never differ.
 */
import { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useMemo, useState } from 'react';
import { CONSOLE_ROUTES, pathOf } from '@plsr/shared/contract';
import type { Assessment, AssessmentRun, RollupRow, StaffRow, WorkstationRow } from '@plsr/shared/schemas';
import { beijingDateTime } from '@plsr/shared/time';
import { BAND_LABELS, STAFF_ROLE_LABELS, STAFF_ROW_STATUS_LABELS, WORKSTATION_ROW_STATUS_LABELS } from '@plsr/shared/vocabulary';
import { ApiError } from '../../../api/http';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { ChangeTable } from '../../components/ChangeTable';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { ReasonActions } from '../../components/ReasonActions';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { copyText, downloadFile } from '../../lib/download';
import { currentYear, matches, percent, score } from '../../lib/format';
import { bureauCall, bureauSession } from '../../lib/session';
import { messageOf } from '../../../lib/errors';

const thisYear = currentYear();
const YEARS = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, text: `${y} 年` }));

/** 已验收, 未验收 (scored on ratings alone), 暂不参评 with its reason, 无群众评价, 无数据. */
function workstationStatus(w: WorkstationRow): string {
  if (w.status === 'exempt') return `暂不参评(${w.exemptReason ?? '未说明原因'})`;
  return WORKSTATION_ROW_STATUS_LABELS[w.status];
}

const WORKSTATION_COLUMNS: Column<WorkstationRow>[] = [
  { key: 'name', label: '工作站', value: (w) => w.stationName },
  { key: 'township', label: '乡镇(街道)', value: (w) => w.township.name },
  { key: 'county', label: '县(区)', value: (w) => w.county.name },
  { key: 'inspection', label: '验收得分', value: (w) => w.inspectionTotal, render: (w) => <Text>{score(w.inspectionTotal)}</Text>, numeric: true },
  { key: 'ratings', label: '评价数', value: (w) => w.ratings, numeric: true },
  { key: 'ratingScore', label: '群众评价得分', value: (w) => w.ratingScore, render: (w) => <Text>{score(w.ratingScore)}</Text>, numeric: true },
  { key: 'total', label: '总分', value: (w) => w.total, render: (w) => <Text>{score(w.total)}</Text>, numeric: true },
  { key: 'band', label: '等次', value: (w) => (w.band ? BAND_LABELS[w.band] : null) },
  {
    key: 'onTime',
    label: '差评按时办结',
    value: (w) => w.casesOnTimeShare,
    render: (w) => <Text>{w.casesDue ? `${percent(w.casesOnTimeShare)}(${w.casesOnTime}/${w.casesDue})` : '—'}</Text>,
    numeric: true,
  },
  { key: 'status', label: '状态', value: (w) => workstationStatus(w) },
];

const STAFF_COLUMNS: Column<StaffRow>[] = [
  { key: 'rank', label: '排名', value: (s) => (s.status === 'scored' ? s.rank : null), numeric: true },
  { key: 'name', label: '姓名', value: (s) => s.name },
  { key: 'role', label: '类别', value: (s) => STAFF_ROLE_LABELS[s.role] },
  { key: 'organisation', label: '单位', value: (s) => s.organisation },
  { key: 'county', label: '县(区)', value: (s) => s.county.name },
  { key: 'ratings', label: '评价数', value: (s) => s.ratings, numeric: true },
  { key: 'satisfaction', label: '满意率', value: (s) => s.satisfactionRate, render: (s) => <Text>{percent(s.satisfactionRate)}</Text>, numeric: true },
  { key: 'bad', label: '差评', value: (s) => s.badReviews, numeric: true },
  {
    key: 'onTime',
    label: '差评按时办结',
    value: (s) => s.casesOnTimeShare,
    render: (s) => <Text>{s.casesDue ? `${percent(s.casesOnTimeShare)}(${s.casesOnTime}/${s.casesDue})` : '—'}</Text>,
    numeric: true,
  },
  { key: 'score', label: '得分', value: (s) => s.score, render: (s) => <Text>{score(s.score)}</Text>, numeric: true },
  { key: 'band', label: '等次', value: (s) => (s.band ? BAND_LABELS[s.band] : STAFF_ROW_STATUS_LABELS[s.status]) },
];

const ROLLUP_COLUMNS: Column<RollupRow>[] = [
  { key: 'region', label: '地区', value: (r) => r.region.name },
  { key: 'workstations', label: '工作站', value: (r) => r.workstations, numeric: true },
  { key: 'good', label: '好', value: (r) => r.good, numeric: true },
  { key: 'fair', label: '中', value: (r) => r.fair, numeric: true },
  { key: 'poor', label: '差', value: (r) => r.poor, numeric: true },
  { key: 'exempt', label: '暂不参评', value: (r) => r.exempt, numeric: true },
  { key: 'uninspected', label: '未验收', value: (r) => r.uninspected, numeric: true },
  { key: 'mean', label: '平均总分', value: (r) => r.meanTotal, render: (r) => <Text>{score(r.meanTotal)}</Text>, numeric: true },
  { key: 'ratings', label: '评价数', value: (r) => r.ratings, numeric: true },
];

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; data: Assessment };
/** What the screen shows: the year-end computed now, or a published revision (its id). */
type Version = 'live' | number;

/** The regions a clerk may pick: the jurisdiction, its cities, and the counties of the city in view. */
function regionOptions(
  root: Assessment | undefined,
  region: string,
): { cities: { value: string; text: string }[]; counties: { value: string; text: string }[] } {
  if (!root) return { cities: [], counties: [] };
  const cities = root.region.level === 'province' ? root.cities.map((c) => ({ value: c.region.code, text: c.region.name })) : [];
  const cityCode = root.region.level === 'province' ? region.slice(0, 4) : root.region.code;
  const showCounties = root.region.level === 'city' || (root.region.level === 'province' && region.length >= 4);
  const counties = showCounties
    ? root.counties.filter((c) => c.region.code.startsWith(cityCode)).map((c) => ({ value: c.region.code, text: c.region.name }))
    : [];
  return { cities, counties };
}

/** Which revision is shown, who published it and why, and what changed from the one before. */
function RunNotice({ run, previous }: { run: AssessmentRun; previous?: AssessmentRun }) {
  return (
    <View {...roleOf('region')} aria-label="版本说明">
      <Section title={`已发布的第 ${run.revision} 版`}>
        <Text className="muted">
          {run.scope.name}于 {beijingDateTime(new Date(run.publishedAt))} 发布(发布人 {run.publishedBy})。{run.reason ? `原因:${run.reason}` : '首次发布。'}
        </Text>
        {previous ? (
          run.changeCount ? (
            <>
              <Text className="field-label">
                与第 {previous.revision} 版相比的变化({run.changeCount} 项)
              </Text>
              <ChangeTable
                caption={`第 ${run.revision} 版的变化`}
                changes={run.changes}
                before={`第 ${previous.revision} 版`}
                after={`第 ${run.revision} 版`}
              />
            </>
          ) : (
            <Text className="muted">本地区的结果与第 {previous.revision} 版相同。</Text>
          )
        ) : null}
      </Section>
    </View>
  );
}

/** The region's or a city's own account publishes its year-end; a later one is a revision with its reason. */
function PublishBox({ year, region, runs, onPublished }: { year: number; region: string; runs: AssessmentRun[]; onPublished: (run: AssessmentRun) => void }) {
  const own = runs.filter((r) => r.scope.code === region);
  const next = (own[0]?.revision ?? 0) + 1;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const publish = async () => {
    setError(undefined);
    try {
      const run = await bureauCall(CONSOLE_ROUTES.publishAssessment, { body: { year, region, ...(reason.trim() ? { reason } : {}) } });
      setReason('');
      onPublished(run);
    } catch (e) {
      setError(messageOf(e, '发布失败,请稍后重试'));
    }
  };
  return (
    <Section title="发布年终考核结果" form>
      <Text className="muted">
        {next === 1
          ? '发布后,当年的政策、参与计算的数据和每一项得分都将固定;之后的更正(申诉成立、补录验收)以修订版发布,每一版都可查看和下载。'
          : `已发布第 ${next - 1} 版。发布修订版须写明原因,此前各版仍可查看和下载。`}
      </Text>
      <ReasonActions
        name="发布原因"
        reason={reason}
        onReason={setReason}
        error={error}
        confirm={next === 1 ? '发布年终考核结果' : `发布第 ${next} 版`}
        onConfirm={() => void publish()}
      />
    </Section>
  );
}

export default function YearEndPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const [year, setYear] = useState(thisYear);
  const [region, setRegion] = useState(home.code);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [root, setRoot] = useState<Assessment>();
  const [search, setSearch] = useState({ workstations: '', staff: '' });
  const [notice, setNotice] = useState<string>();
  const [runs, setRuns] = useState<AssessmentRun[]>([]);
  const [version, setVersion] = useState<Version>('live');

  /** The revisions published over the region, then the one asked for (by default the latest; the live year-end when none). */
  const fetchYear = useCallback(
    async (y: number, r: string, wanted?: Version) => {
      setLoad({ state: 'loading' });
      try {
        const published = (await bureauCall(CONSOLE_ROUTES.assessmentRuns, { query: { year: String(y), region: r } })).runs;
        setRuns(published);
        const v: Version = wanted === undefined ? (published[0]?.id ?? 'live') : wanted;
        setVersion(v);
        const data =
          v === 'live'
            ? await bureauCall(CONSOLE_ROUTES.assessment, { params: { year: y }, query: { region: r, format: 'json' } })
            : await bureauCall(CONSOLE_ROUTES.assessmentRun, { params: { id: v }, query: { region: r, format: 'json' } });
        setLoad({ state: 'ready', data });
        if (r === home.code) setRoot(data);
      } catch (e) {
        setLoad({ state: 'failed', message: e instanceof ApiError ? e.message : '加载失败,请稍后重试' });
      }
    },
    [home.code],
  );

  // Again on every return to the page: an inspection just recorded shows in the totals.
  useDidShow(() => {
    if (session) void fetchYear(year, region, version === 'live' ? 'live' : undefined);
  });

  const choose = (y: number, r: string) => {
    setYear(y);
    setRegion(r);
    void fetchYear(y, r);
  };
  const shownRun = version === 'live' ? undefined : runs.find((r) => r.id === version);
  const publisher =
    session && region === home.code && ((session.user.role === 'region' && home.code.length === 2) || (session.user.role === 'city' && home.code.length === 4));

  const data = load.state === 'ready' ? load.data : undefined;
  const workstations = useMemo(
    () => (data?.workstations ?? []).filter((w) => matches(search.workstations, w.stationName, w.township.name, w.county.name)),
    [data, search.workstations],
  );
  const staff = useMemo(() => (data?.staff ?? []).filter((s) => matches(search.staff, s.name, s.organisation, s.county.name)), [data, search.staff]);
  const options = regionOptions(root, region);

  const download = async (format: 'xlsx' | 'csv', table?: 'workstations' | 'staff') => {
    setNotice(undefined);
    const base = shownRun ? pathOf(CONSOLE_ROUTES.assessmentRun.path, { id: shownRun.id }) : pathOf(CONSOLE_ROUTES.assessment.path, { year });
    const path = `${base}?region=${region}&format=${format}${table ? `&table=${table}` : ''}`;
    const edition = shownRun ? `(第${shownRun.revision}版)` : '';
    try {
      await downloadFile(path, `${data?.region.name ?? region}${year}年度考核${edition}${table === 'staff' ? '-服务人员' : table ? '-工作站' : ''}.${format}`);
    } catch (e) {
      setNotice(e instanceof ApiError ? e.message : '下载失败,请稍后重试');
    }
  };

  const copyBulletin = (text: string) => {
    void copyText(text).then(
      () => setNotice('通报用语已复制'),
      () => setNotice('无法复制,请手动选中文字复制'),
    );
  };

  return (
    <BureauShell title="年终考核" current="yearEnd">
      <View className="card filters">
        <ChoiceRow label="年度" options={YEARS} value={year} onChange={(y) => choose(y, region)} />
        <ChoiceRow
          label="范围"
          options={[{ value: home.code, text: home.name }, ...options.cities]}
          value={options.cities.some((c) => region.startsWith(c.value)) ? region.slice(0, 4) : home.code}
          onChange={(r) => choose(year, r)}
        />
        {options.counties.length ? <ChoiceRow label="县(区)" options={options.counties} value={region} onChange={(r) => choose(year, r)} /> : null}
      </View>

      {load.state === 'loading' ? (
        <Text className="muted loading" {...roleOf('status')}>
          正在计算年终考核结果…
        </Text>
      ) : null}
      {load.state === 'failed' ? (
        <View className="card">
          <Text className="field-error" {...roleOf('alert')}>
            {load.message}
          </Text>
          <Button className="btn btn--plain" {...roleOf('button')} onClick={() => void fetchYear(year, region)}>
            重试
          </Button>
        </View>
      ) : null}
      {notice ? (
        <Text className="notice" {...roleOf('status')}>
          {notice}
        </Text>
      ) : null}

      {runs.length ? (
        <View className="card filters">
          <ChoiceRow
            label="版本"
            options={[
              ...runs.map((r) => ({
                value: r.id as Version,
                text: r.scope.code === region ? `已发布第 ${r.revision} 版` : `${r.scope.name}第 ${r.revision} 版`,
              })),
              { value: 'live' as Version, text: '实时计算' },
            ]}
            value={version}
            onChange={(v) => void fetchYear(year, region, v)}
          />
        </View>
      ) : null}
      {data && shownRun ? (
        <RunNotice run={shownRun} previous={runs.find((r) => r.scope.code === shownRun.scope.code && r.revision === shownRun.revision - 1)} />
      ) : null}
      {data && !shownRun && runs.length ? (
        <Text className="notice" {...roleOf('status')}>
          正在显示实时计算的结果(未发布),可能与已发布的第 {runs[0]!.revision} 版不同。
        </Text>
      ) : null}
      {data && publisher && data.year === year ? (
        <PublishBox
          year={year}
          region={region}
          runs={runs}
          onPublished={(run) => {
            setNotice(`已发布 ${year} 年度考核结果第 ${run.revision} 版`);
            void fetchYear(year, region, run.id);
          }}
        />
      ) : null}

      {data ? (
        <View>
          <Section title={`${data.region.name} ${data.year} 年度通报用语${shownRun ? `(第 ${shownRun.revision} 版)` : ''}`}>
            <Text className="bulletin" userSelect>
              {data.bulletin}
            </Text>
            <Text className="muted">
              评价 {data.totals.ratings} 条 · 乡镇工作站 {data.totals.workstations} 个 · 服务人员 {data.totals.staff} 名
            </Text>
            <View className="actions">
              <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={() => copyBulletin(data.bulletin)}>
                复制通报用语
              </Button>
              <Button className="btn btn--primary btn--inline" {...roleOf('button')} onClick={() => void download('xlsx')}>
                下载 Excel
              </Button>
              <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={() => void download('csv', 'workstations')}>
                下载工作站 CSV
              </Button>
              <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={() => void download('csv', 'staff')}>
                下载服务人员 CSV
              </Button>
            </View>
          </Section>

          <Section title="等次统计">
            <DataTable
              caption="各地等次统计"
              columns={ROLLUP_COLUMNS}
              rows={data.region.level === 'province' ? [...data.cities, ...data.counties] : data.counties}
              rowKey={(r) => r.region.code}
            />
          </Section>

          <Section title="乡镇(街道)公共法律服务工作站">
            <Input
              className="input search"
              {...fieldLabel('搜索工作站')}
              placeholder="按工作站、乡镇或县区名称搜索"
              value={search.workstations}
              onInput={(e) => setSearch((s) => ({ ...s, workstations: e.detail.value }))}
            />
            <DataTable caption="工作站考核结果" columns={WORKSTATION_COLUMNS} rows={workstations} rowKey={(w) => w.stationCode} />
          </Section>

          <Section title="服务人员">
            <Input
              className="input search"
              {...fieldLabel('搜索服务人员')}
              placeholder="按姓名、单位或县区搜索"
              value={search.staff}
              onInput={(e) => setSearch((s) => ({ ...s, staff: e.detail.value }))}
            />
            <DataTable
              caption="服务人员考核结果"
              columns={STAFF_COLUMNS}
              rows={staff}
              rowKey={(s) => s.staffId}
              initialSort={{ key: 'rank', direction: 'ascending' }}
            />
          </Section>
        </View>
      ) : null}
    </BureauShell>
  );
}
