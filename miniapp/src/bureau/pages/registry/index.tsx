/**
 * 服务人员名册 in Excel: export the jurisdiction's staff and assignments, edit them in Excel, import
 * the file back; and the county's posters to print. Choosing a file checks it at once (nothing is written) and lists every problem by
 * sheet, row and column; only a file without problems can be imported, and it is imported whole.
 */
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CONSOLE_ROUTES, pathOf } from '@plsr/shared/contract';
import type { RegistryImportReport, RegistryProblem } from '@plsr/shared/schemas';
import { ApiError } from '../../../api/http';
import { FieldError } from '../../../components/FieldError';
import { roleOf } from '../../../lib/a11y';
import { DataTable, type Column } from '../../components/DataTable';
import { useCounty } from '../../components/CountyPicker';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { downloadFile } from '../../lib/download';
import { pickExcelFile, type PickedFile } from '../../lib/pick-file';
import { bureauCall, bureauSession } from '../../lib/session';

const PROBLEM_COLUMNS: Column<RegistryProblem & { id: number }>[] = [
  { key: 'sheet', label: '工作表', value: (p) => p.sheet },
  { key: 'row', label: '行', value: (p) => p.row, numeric: true },
  { key: 'column', label: '列', value: (p) => p.column },
  { key: 'message', label: '问题', value: (p) => p.message },
];

const summaryOf = (r: RegistryImportReport) =>
  `服务人员:新增 ${r.staff.created} 人,修改 ${r.staff.updated} 人,未变 ${r.staff.unchanged} 人;派驻:新增 ${r.assignments.created} 条,修改 ${r.assignments.updated} 条,未变 ${r.assignments.unchanged} 条`;

export default function RegistryPage() {
  const session = bureauSession();
  const region = session?.user.region ?? { code: '', name: '' };
  const { county, picker } = useCounty();
  const [file, setFile] = useState<PickedFile>();
  const [report, setReport] = useState<RegistryImportReport>();
  const [state, setState] = useState<'idle' | 'checking' | 'importing' | 'imported'>('idle');
  const [error, setError] = useState<string>();

  const send = (picked: PickedFile, dryRun: boolean) =>
    bureauCall(CONSOLE_ROUTES.registryImport, { body: { region: region.code, dryRun, file: picked.base64 } });

  const choose = async () => {
    setError(undefined);
    let picked: PickedFile | undefined;
    try {
      picked = await pickExcelFile();
    } catch (e) {
      setError(e instanceof Error ? e.message : '无法读取所选文件');
      return;
    }
    if (!picked) return;
    setFile(picked);
    setReport(undefined);
    setState('checking');
    try {
      setReport(await send(picked, true));
      setState('idle');
    } catch (e) {
      setState('idle');
      setError(e instanceof ApiError ? e.message : '检查失败,请稍后重试');
    }
  };

  const apply = async () => {
    if (!file || state === 'importing') return;
    setState('importing');
    setError(undefined);
    try {
      setReport(await send(file, false));
      setState('imported');
    } catch (e) {
      setState('idle');
      setError(e instanceof ApiError ? [e.message, ...(e.details ?? []).map((d) => d.message)].join('\n') : '导入失败,请稍后重试');
    }
  };

  const download = (path: string, name: string) => {
    setError(undefined);
    downloadFile(path, name).catch((e: unknown) => setError(e instanceof ApiError ? e.message : '下载失败,请稍后重试'));
  };

  const problems = (report?.problems ?? []).map((p, id) => ({ ...p, id }));

  return (
    <BureauShell title="服务人员名册" current="registry">
      <Section title={`${region.name}服务人员名册`}>
        <Text className="muted">导出名册后在 Excel 中增改人员和派驻,再导入。导入前先检查整个文件;有任何一处问题,整批都不会导入。</Text>
        <View className="actions">
          <Button
            className="btn btn--plain btn--inline"
            {...roleOf('button')}
            onClick={() => download(`${pathOf(CONSOLE_ROUTES.registryExport.path)}?region=${region.code}`, `${region.name}服务人员名册.xlsx`)}
          >
            导出名册(Excel)
          </Button>
          <Button
            className="btn btn--plain btn--inline"
            {...roleOf('button')}
            onClick={() => download(pathOf(CONSOLE_ROUTES.registryTemplate.path), '服务人员名册导入模板.xlsx')}
          >
            下载导入模板
          </Button>
          <Button className={`btn btn--primary btn--inline${state === 'checking' ? ' btn--busy' : ''}`} {...roleOf('button')} onClick={() => void choose()}>
            {state === 'checking' ? '正在检查…' : '选择 Excel 文件导入'}
          </Button>
        </View>
      </Section>

      <Section title="评价二维码海报">
        {picker}
        {county ? (
          <View>
            <Text className="muted">{county.name}每个在用站点一页:站点名称、二维码、评价方法和 12348 热线。打印后张贴在群众办事的地方。</Text>
            <View className="actions">
              {(['A4', 'A5'] as const).map((size) => (
                <Button
                  key={size}
                  className="btn btn--plain btn--inline"
                  {...roleOf('button')}
                  onClick={() =>
                    download(`${pathOf(CONSOLE_ROUTES.posters.path)}?region=${county.code}&size=${size}`, `${county.name}评价二维码海报-${size}.pdf`)
                  }
                >
                  下载海报({size})
                </Button>
              ))}
            </View>
          </View>
        ) : (
          <Text className="muted">海报按县(区)打印:请先选择县(区)。</Text>
        )}
      </Section>

      <FieldError message={error} />

      {report && file ? (
        <Section title={`${state === 'imported' ? '已导入' : '检查结果'}:${file.name}`}>
          {state === 'imported' ? (
            <Text className="notice notice--ok" {...roleOf('status')}>
              导入完成。{summaryOf(report)}。
            </Text>
          ) : report.problems.length ? (
            <View>
              <Text className="field-error" {...roleOf('alert')}>
                文件有 {report.problems.length} 处问题,不能导入。请在 Excel 中改正后重新选择文件。
              </Text>
              <DataTable caption="文件中的问题" columns={PROBLEM_COLUMNS} rows={problems} rowKey={(p) => p.id} />
            </View>
          ) : (
            <View>
              <Text className="notice" {...roleOf('status')}>
                文件没有问题。导入后:{summaryOf(report)}。
              </Text>
              <Button className={`btn btn--primary btn--inline${state === 'importing' ? ' btn--busy' : ''}`} {...roleOf('button')} onClick={() => void apply()}>
                {state === 'importing' ? '正在导入…' : '确认导入'}
              </Button>
            </View>
          )}
        </Section>
      ) : null}
    </BureauShell>
  );
}
