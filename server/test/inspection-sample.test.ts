/**
 * Issue 11, part 6: the year's random sample of a county's village rooms for 验收 ("抽取的12个村(社区)
 * 工作室"). The seed and the drawn list are kept; the same seed over the same rooms draws the same list,
 * in another database too; a county draws once a year; a drawn room can be inspected, another cannot.
 */
import { drawSample } from '../src/inspections/sample';
import type { Db } from '../src/db/client';
import { CODES, PASSWORD, seedFixtures } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

/** 20 more village rooms in 原州区 (under 三营镇), as the registry import would have them. */
async function addRooms(db: Db): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 1; i <= 20; i++) {
    const village = `640402100${String(200 + i).padStart(3, '0')}`;
    await db.region.create({
      data: {
        code: village,
        name: `第${i}村委会`,
        level: 'village',
        parentCode: CODES.sanying,
        provinceCode: '64',
        cityCode: '6404',
        countyCode: '640402',
        townshipCode: CODES.sanying,
      },
    });
    const code = `V${village}`;
    await db.station.create({
      data: {
        code,
        name: `第${i}村公共法律服务工作室`,
        tier: 'village_room',
        regionCode: village,
        cityCode: '6404',
        countyCode: '640402',
        townshipCode: CODES.sanying,
      },
    });
    codes.push(code);
  }
  return codes;
}

async function start(): Promise<{ app: TestApp; rooms: string[]; token: (u: string) => Promise<string> }> {
  const app = await startTestApp();
  app.setNow('2026-06-15T04:00:00Z');
  await seedFixtures(app.db);
  const rooms = await addRooms(app.db);
  const token = async (username: string) => (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token as string;
  return { app, rooms, token };
}

describe('drawSample', () => {
  const codes = Array.from({ length: 30 }, (_, i) => `V6404021002${String(i).padStart(2, '0')}`);

  it('draws the same list from the same seed, whatever the order the rooms come in', () => {
    const a = drawSample(codes, '20261127', 12);
    expect(a).toHaveLength(12);
    expect(new Set(a).size).toBe(12);
    expect(drawSample([...codes].reverse(), '20261127', 12)).toEqual(a);
    expect(drawSample(codes, '20261127', 5)).toEqual(a.slice(0, 5));
  });

  it('draws another list from another seed, and everyone when the county has fewer rooms than asked', () => {
    expect(drawSample(codes, '20261128', 12)).not.toEqual(drawSample(codes, '20261127', 12));
    expect(drawSample(codes.slice(0, 4), 'x', 12).sort()).toEqual(codes.slice(0, 4));
  });
});

describe('the year’s sample of village rooms (抽取的村(社区)工作室)', () => {
  let ctx: Awaited<ReturnType<typeof start>>;
  let county: string;
  beforeAll(async () => {
    ctx = await start();
    county = await ctx.token('yuanzhou');
  });
  afterAll(() => ctx.app.close());

  const draw = (token: string, body: unknown) => call(ctx.app, 'POST', '/api/inspections/2026/samples', { token, json: body });

  it('draws 12 of the county’s 21 open rooms with the announced seed, keeps seed and list, and audits it', async () => {
    const r = await draw(county, { county: CODES.yuanzhou, size: 12, seed: '20261127' });
    expect(r.status).toBe(201);
    const all = [...ctx.rooms, 'V640402100200'];
    expect(r.body).toMatchObject({ year: 2026, county: { code: '640402', name: '原州区' }, seed: '20261127', size: 12, population: 21, drawnBy: 'yuanzhou' });
    expect(r.body.stations.map((s: { code: string }) => s.code)).toEqual(drawSample(all, '20261127', 12));
    expect(r.body.stations[0]).toMatchObject({ tier: 'village_room', township: { name: '三营镇' }, inspection: null });
    const audit = await ctx.app.db.auditLog.findFirstOrThrow({ where: { action: 'inspection.sample' } });
    expect(JSON.parse(audit.afterJson!)).toMatchObject({ seed: '20261127', population: 21, stations: drawSample(all, '20261127', 12) });
  });

  it('refuses a second draw for the county and year, and another county’s draw', async () => {
    const again = await draw(county, { county: CODES.yuanzhou, size: 12, seed: 'another' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('2026 年已抽取过该县(区)的村(社区)工作室,不能重新抽取');
    expect((await draw(await ctx.token('xiji'), { county: CODES.yuanzhou, size: 12 })).status).toBe(403);
    expect((await draw(county, { county: CODES.sanying, size: 3 })).status).toBe(400);
    expect((await draw(await ctx.token('xiji'), { county: CODES.xiji, size: 3 })).status).toBe(409); // 西吉县 has no village room
    expect(await ctx.app.db.inspectionSample.count()).toBe(1);
  });

  it('lets a drawn room be inspected, not another; the list shows the inspection', async () => {
    const sample = (await call(ctx.app, 'GET', `/api/inspections/2026/samples?region=${CODES.city}`, { token: await ctx.token('guyuan') })).body;
    expect(sample.samples).toHaveLength(1);
    const drawn: string[] = sample.samples[0].stations.map((s: { code: string }) => s.code);
    const notDrawn = [...ctx.rooms, 'V640402100200'].find((c) => !drawn.includes(c))!;
    const body = {
      exempt: false,
      scores: { standardisation: 16, professionalism: 15, openness: 17, management: 14, informatisation: 12 },
      inspectedOn: '2026-06-12',
    };
    const ok = await call(ctx.app, 'PUT', `/api/stations/${drawn[0]}/inspections/2026`, { token: county, json: body });
    expect(ok.status).toBe(200);
    expect(ok.body.inspection.total).toBe(74);
    const refused = await call(ctx.app, 'PUT', `/api/stations/${notDrawn}/inspections/2026`, { token: county, json: body });
    expect(refused.status).toBe(409);
    // Next year's sample has not been drawn: the room is not inspectable for 2027.
    expect(
      (await call(ctx.app, 'PUT', `/api/stations/${drawn[0]}/inspections/2027`, { token: county, json: { ...body, inspectedOn: '2027-03-01' } })).status,
    ).toBe(409);
    const after = (await call(ctx.app, 'GET', `/api/inspections/2026/samples?region=${CODES.yuanzhou}`, { token: county })).body;
    expect(after.samples[0].stations[0].inspection).toMatchObject({ total: 74, inspectedOn: '2026-06-12' });
  });

  it('draws the same list in another database from the same seed; without a seed the server makes one, kept and reproducible', async () => {
    const other = await start();
    try {
      const token = await other.token('yuanzhou');
      const same = await call(other.app, 'POST', '/api/inspections/2026/samples', { token, json: { county: CODES.yuanzhou, size: 12, seed: '20261127' } });
      const first = (await call(ctx.app, 'GET', `/api/inspections/2026/samples?region=${CODES.yuanzhou}`, { token: county })).body.samples[0];
      expect(same.body.stations.map((s: { code: string }) => s.code)).toEqual(first.stations.map((s: { code: string }) => s.code));
      const unseeded = await call(other.app, 'POST', '/api/inspections/2027/samples', { token, json: { county: CODES.yuanzhou, size: 5 } });
      expect(unseeded.status).toBe(201);
      expect(unseeded.body.seed).toMatch(/^\d{8}$/);
      expect(unseeded.body.stations.map((s: { code: string }) => s.code)).toEqual(drawSample([...other.rooms, 'V640402100200'], unseeded.body.seed, 5));
    } finally {
      await other.app.close();
    }
  });
});
