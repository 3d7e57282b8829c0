/**
 * 验收录入: the township workstations of the clerk's jurisdiction with the year's inspection of
 * each (总分, 暂不参评, or 未验收), searchable; 录入 or 修改 opens the form for one station.
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import { SAMPLE_SIZE_DEFAULT, type InspectedStation, type Sample } from '@plsr/shared/schemas';
import { ApiError } from '../../../api/http';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { FieldError } from '../../../components/FieldError';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { currentYear, score } from '../../lib/format';
import { bureauCall, bureauSession, BUREAU_PAGES } from '../../lib/session';

const thisYear = currentYear();
const YEARS = [thisYear, thisYear - 1].map((y) => ({ value: y, text: `${y} 年` }));

function stateOf(s: InspectedStation): string {
  if (!s.inspection) return '未验收';
  if (s.inspection.exempt) return `暂不参评(${s.inspection.exemptReason ?? ''})`;
  return `已验收 ${score(s.inspection.total)} 分`;
}

export default function InspectionsPage() {
  const session = bureauSession();
  const [year, setYear] = useState(thisYear);
  const [stations, setStations] = useState<InspectedStation[]>();
  const [error, setError] = useState<string>();
  const [search, setSearch] = useState('');
  const [samples, setSamples] = useState<Sample[]>();
  const [draw, setDraw] = useState({ size: String(SAMPLE_SIZE_DEFAULT), seed: '' });
  const [drawError, setDrawError] = useState<string>();
  const isCounty = session?.user.role === 'county';

  const fetchList = useCallback(
    async (y: number) => {
      if (!session) return;
      setError(undefined);
      try {
        const region = session.user.region.code;
        setStations((await bureauCall(CONSOLE_ROUTES.inspections, { params: { year: y }, query: { region } })).stations);
        setSamples((await bureauCall(CONSOLE_ROUTES.inspectionSamples, { params: { year: y }, query: { region } })).samples);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : '加载失败,请稍后重试');
      }
    },
    [session],
  );
  useDidShow(() => void fetchList(year));

  const open = (s: InspectedStation) => void Taro.navigateTo({ url: `${BUREAU_PAGES.inspection}?code=${s.code}&year=${year}` });

  const columns: Column<InspectedStation>[] = [
    { key: 'name', label: '工作站', value: (s) => s.name },
    { key: 'township', label: '乡镇(街道)', value: (s) => s.township?.name ?? null },
    { key: 'county', label: '县(区)', value: (s) => s.county.name },
    { key: 'state', label: '验收情况', value: (s) => stateOf(s) },
    { key: 'date', label: '验收日期', value: (s) => s.inspection?.inspectedOn ?? null },
    {
      key: 'action',
      label: '操作',
      value: (s) => (s.inspection ? 1 : 0),
      render: (s) => (
        <Text className="link" {...roleOf('button')} aria-label={`${s.inspection ? '修改' : '录入'}验收:${s.name}`} onClick={() => open(s)}>
          {s.inspection ? '修改' : '录入'}
        </Text>
      ),
    },
  ];

  const drawSample = async () => {
    if (!session) return;
    setDrawError(undefined);
    const size = Number(draw.size);
    try {
      await bureauCall(CONSOLE_ROUTES.drawInspectionSample, {
        params: { year },
        body: { county: session.user.region.code, size, ...(draw.seed.trim() ? { seed: draw.seed.trim() } : {}) },
      });
      void fetchList(year);
    } catch (e) {
      setDrawError(e instanceof ApiError ? (e.details?.[0]?.message ?? e.message) : '抽取失败,请稍后重试');
    }
  };

  const roomColumns: Column<InspectedStation>[] = columns.map((c) => (c.key === 'name' ? { ...c, label: '工作室' } : c));

  const shown = (stations ?? []).filter((s) => !search.trim() || [s.name, s.township?.name, s.county.name].some((t) => t?.includes(search.trim())));
  const done = (stations ?? []).filter((s) => s.inspection).length;

  return (
    <BureauShell title="验收录入" current="inspections">
      <View className="card filters">
        <ChoiceRow
          label="年度"
          options={YEARS}
          value={year}
          onChange={(y) => {
            setYear(y);
            void fetchList(y);
          }}
        />
        <Text className="muted">乡镇(街道)公共法律服务工作站的验收得分占年终总分的 60%。五个方面各 20 分;新建或整改中的站点可“暂不参评”并写明原因。</Text>
      </View>
      {error ? (
        <View className="card">
          <Text className="field-error" {...roleOf('alert')}>
            {error}
          </Text>
          <Button className="btn btn--plain" {...roleOf('button')} onClick={() => void fetchList(year)}>
            重试
          </Button>
        </View>
      ) : null}
      {!stations && !error ? (
        <Text className="muted loading" {...roleOf('status')}>
          正在加载…
        </Text>
      ) : null}
      {stations ? (
        <Section title={`${year} 年:已录入 ${done} / ${stations.length} 个工作站`}>
          <Input
            className="input search"
            {...fieldLabel('搜索工作站')}
            placeholder="按工作站、乡镇或县区名称搜索"
            value={search}
            onInput={(e) => setSearch(e.detail.value)}
          />
          <DataTable caption="工作站验收情况" columns={columns} rows={shown} rowKey={(s) => s.code} />
        </Section>
      ) : null}
      {samples ? (
        <Section title="抽取验收的村(社区)工作室">
          {samples.map((x) => (
            <View key={x.county.code} className="form-row">
              <Text className="muted">
                {x.county.name}:从 {x.population} 个村(社区)工作室中抽取 {x.stations.length} 个 · 随机种子 {x.seed} · {x.drawnBy} 于 {x.drawnAt.slice(0, 10)}{' '}
                抽取。用同一种子重新计算,名单不变。
              </Text>
              <DataTable caption={`${x.county.name}抽取的村(社区)工作室`} columns={roomColumns} rows={x.stations} rowKey={(s) => s.code} />
            </View>
          ))}
          {isCounty && samples.length === 0 ? (
            <View className="form-card">
              <Text className="muted">
                按随机种子从本县(区)在用的村(社区)工作室中抽取,种子和名单都会保存,同一种子总是抽出同一名单;每年只能抽取一次。建议使用会上当场公布的号码作为种子。
              </Text>
              <Text className="field-label">抽取数量</Text>
              <Input
                className="input"
                type="number"
                {...fieldLabel('抽取数量')}
                value={draw.size}
                maxlength={3}
                onInput={(e) => setDraw((d) => ({ ...d, size: e.detail.value }))}
              />
              <Text className="field-label">随机种子(选填,不填由系统生成)</Text>
              <Input
                className="input"
                {...fieldLabel('随机种子')}
                value={draw.seed}
                maxlength={64}
                onInput={(e) => setDraw((d) => ({ ...d, seed: e.detail.value }))}
              />
              <FieldError message={drawError} />
              <View className="actions">
                <Button className="btn btn--primary btn--inline" {...roleOf('button')} onClick={() => void drawSample()}>
                  抽取
                </Button>
              </View>
            </View>
          ) : null}
          {!isCounty && samples.length === 0 ? <Text className="muted">{year} 年辖区内尚未抽取。抽取由各县(区)司法局进行。</Text> : null}
        </Section>
      ) : null}
    </BureauShell>
  );
}
