/**
 * 工作概览 (issue 13, part 5): a year and region at a glance for a bureau's director — the bulletin
 * sentence, workstations per band as the bulletin counts them, ratings and 满意率 month by month, the
 * lowest-scoring workstations and people, 差评 cases open and overdue, ratings held and appeals
 * waiting. Charts where a person would rather look than read; each says its figures in words too.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { Dashboard, RegionRef } from '@plsr/shared/schemas';
import { BAND_LABELS, STAFF_ROLE_LABELS } from '@plsr/shared/vocabulary';
import { roleOf } from '../../../lib/a11y';
import { messageOf } from '../../../lib/errors';
import { FieldError } from '../../../components/FieldError';
import { EChart } from '../../components/Chart';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import type { ChartOption } from '../../lib/echarts';
import { currentYear, percent, score } from '../../lib/format';
import { BUREAU_PAGES, bureauCall, bureauSession } from '../../lib/session';

const thisYear = currentYear();
const YEARS = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, text: `${y} 年` }));
const GREEN = '#06803f';
const AMBER = '#ad6800';
const RED = '#c62828';
const GREY = '#8c8c8c';
const BLUE = '#1f5fa8';

type Lowest<T> = T extends readonly (infer R)[] ? R : never;
type LowStation = Lowest<Dashboard['lowestWorkstations']>;
type LowStaff = Lowest<Dashboard['lowestStaff']>;

const STATION_COLUMNS: Column<LowStation>[] = [
  { key: 'name', label: '工作站', value: (w) => w.stationName, wrap: true },
  { key: 'county', label: '县(区)', value: (w) => w.county },
  { key: 'total', label: '综合评分', value: (w) => w.total, render: (w) => <Text>{score(w.total)}</Text>, numeric: true },
  { key: 'band', label: '等次', value: (w) => BAND_LABELS[w.band] },
];
const STAFF_COLUMNS: Column<LowStaff>[] = [
  { key: 'name', label: '姓名', value: (s) => s.name },
  { key: 'role', label: '类别', value: (s) => STAFF_ROLE_LABELS[s.role] },
  { key: 'organisation', label: '单位', value: (s) => s.organisation, wrap: true },
  { key: 'score', label: '得分', value: (s) => s.score, render: (s) => <Text>{score(s.score)}</Text>, numeric: true },
  { key: 'band', label: '等次', value: (s) => BAND_LABELS[s.band] },
];

function bandOption(d: Dashboard): ChartOption {
  const w = d.workstations;
  const bars = [
    { name: '好', value: w.good, color: GREEN },
    { name: '中', value: w.fair, color: AMBER },
    { name: '差', value: w.poor, color: RED },
    { name: '暂不参评', value: w.exempt, color: GREY },
    { name: '无数据', value: w.unscored, color: '#bfbfbf' },
  ];
  return {
    animation: false,
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', barMaxWidth: 48, label: { show: true, position: 'top' }, data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })) },
    ],
  };
}

function monthOption(d: Dashboard): ChartOption {
  return {
    animation: false,
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis' },
    legend: { data: ['评价数', '满意率'], top: 0 },
    xAxis: { type: 'category', data: d.months.map((m) => `${m.month}月`) },
    yAxis: [
      { type: 'value', name: '条', minInterval: 1 },
      { type: 'value', name: '满意率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: '评价数', type: 'bar', barMaxWidth: 28, itemStyle: { color: BLUE }, data: d.months.map((m) => m.ratings) },
      {
        name: '满意率',
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        itemStyle: { color: GREEN },
        data: d.months.map((m) => (m.satisfactionRate === null ? null : Math.round(m.satisfactionRate * 1000) / 10)),
      },
    ],
  };
}

function caseOption(d: Dashboard): ChartOption {
  const c = d.cases;
  const bars = [
    { name: '办理中(未超期)', value: c.open - c.overdue, color: BLUE },
    { name: '已超期', value: c.overdue, color: RED },
    { name: '按时办结', value: c.closedOnTime, color: GREEN },
    { name: '超期办结', value: c.closedLate, color: AMBER },
  ];
  return {
    animation: false,
    grid: { left: 96, right: 32, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: bars.map((b) => b.name), inverse: true },
    series: [
      { type: 'bar', barMaxWidth: 28, label: { show: true, position: 'right' }, data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })) },
    ],
  };
}

/** A figure that leads to the page where it is handled. */
function Figure({ label, value, tone, page }: { label: string; value: number; tone?: 'late'; page: keyof typeof BUREAU_PAGES }) {
  return (
    <View className={`figure${tone ? ` figure--${tone}` : ''}`} {...roleOf('link')} onClick={() => void Taro.redirectTo({ url: BUREAU_PAGES[page] })}>
      <Text className="figure__label">{label}</Text>
      <Text className="figure__value">{value}</Text>
    </View>
  );
}

export default function DashboardPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const [year, setYear] = useState(thisYear);
  const [region, setRegion] = useState(home.code);
  const [below, setBelow] = useState<RegionRef[]>([]);
  const [data, setData] = useState<Dashboard>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (session && home.code.length < 6) void bureauCall(CONSOLE_ROUTES.regions, { query: { parent: home.code } }).then((r) => setBelow(r.children));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once: the session does not change on a page
  }, []);
  useEffect(() => {
    if (!session) return;
    bureauCall(CONSOLE_ROUTES.dashboard, { params: { year }, query: { region } }).then(setData, (e: unknown) => setError(messageOf(e, '加载失败,请稍后重试')));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on the year and region chosen
  }, [year, region]);
  const choose = (y: number, r: string) => {
    setData(undefined);
    setError(undefined);
    setYear(y);
    setRegion(r);
  };

  const options = useMemo(() => (data ? { bands: bandOption(data), months: monthOption(data), cases: caseOption(data) } : undefined), [data]);
  const w = data?.workstations;
  const active = data?.months.filter((m) => m.ratings > 0) ?? [];

  return (
    <BureauShell title="工作概览" current="dashboard">
      <View className="card filters">
        <ChoiceRow label="年度" options={YEARS} value={year} onChange={(y) => choose(y, region)} />
        {below.length ? (
          <ChoiceRow
            label="范围"
            options={[
              { value: home.code, text: home.name },
              ...below.filter((b) => b.level === 'city' || b.level === 'county').map((b) => ({ value: b.code, text: b.name })),
            ]}
            value={region}
            onChange={(r) => choose(year, r)}
          />
        ) : null}
      </View>
      <FieldError message={error} />
      {!data && !error ? (
        <Text className="muted loading" {...roleOf('status')}>
          正在加载…
        </Text>
      ) : null}
      {data && options && w ? (
        <View>
          <Section title={`${data.region.name} ${data.year} 年度通报用语`}>
            <Text className="bulletin" userSelect>
              {data.bulletin}
            </Text>
          </Section>
          <View className="figures" {...roleOf('list')} aria-label="待办">
            <View className="figures__item" {...roleOf('listitem')}>
              <Figure label="评价数" value={data.ratings} page="yearEnd" />
            </View>
            <View className="figures__item" {...roleOf('listitem')}>
              <Figure label="差评工单办理中" value={data.cases.open} page="cases" />
            </View>
            <View className="figures__item" {...roleOf('listitem')}>
              <Figure label="其中已超期" value={data.cases.overdue} tone={data.cases.overdue ? 'late' : undefined} page="cases" />
            </View>
            <View className="figures__item" {...roleOf('listitem')}>
              <Figure label="待核查评价" value={data.flaggedWaiting} page="review" />
            </View>
            <View className="figures__item" {...roleOf('listitem')}>
              <Figure label="待处理申诉" value={data.appealsWaiting} page="appeals" />
            </View>
          </View>
          <View className="chart-grid">
            <Section title="工作站等次">
              <EChart
                id="chart-bands"
                label={`工作站等次:好 ${w.good} 个,中 ${w.fair} 个,差 ${w.poor} 个,暂不参评 ${w.exempt} 个,无数据 ${w.unscored} 个`}
                option={options.bands}
              />
            </Section>
            <Section title="差评工单">
              <EChart
                id="chart-cases"
                label={`差评工单:办理中 ${data.cases.open} 件(其中已超期 ${data.cases.overdue} 件),按时办结 ${data.cases.closedOnTime} 件,超期办结 ${data.cases.closedLate} 件`}
                option={options.cases}
                height={240}
              />
            </Section>
          </View>
          <Section title={`每月评价数与满意率(全年满意率 ${percent(data.satisfactionRate)})`}>
            <EChart
              id="chart-months"
              label={
                active.length
                  ? `每月评价数与满意率:${active.map((m) => `${m.month}月 ${m.ratings} 条,满意率 ${percent(m.satisfactionRate)}`).join(';')}`
                  : '每月评价数与满意率:本年度还没有评价'
              }
              option={options.months}
            />
          </Section>
          <View className="chart-grid">
            <Section title="综合评分最低的工作站">
              {data.lowestWorkstations.length ? (
                <DataTable caption="综合评分最低的工作站" columns={STATION_COLUMNS} rows={data.lowestWorkstations} rowKey={(r) => r.stationCode} />
              ) : (
                <Text className="muted">还没有评定等次的工作站。</Text>
              )}
            </Section>
            <Section title="得分最低的服务人员">
              {data.lowestStaff.length ? (
                <DataTable caption="得分最低的服务人员" columns={STAFF_COLUMNS} rows={data.lowestStaff} rowKey={(r) => r.staffId} />
              ) : (
                <Text className="muted">还没有评定等次的服务人员。</Text>
              )}
            </Section>
          </View>
        </View>
      ) : null}
    </BureauShell>
  );
}
