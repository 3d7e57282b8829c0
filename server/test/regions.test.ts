/** The console's region pickers: a region of the jurisdiction and the regions directly under it. */
import { CODES, PASSWORD, seedFixtures } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  await seedFixtures(app.db);
  token = (await call(app, 'POST', '/api/auth/password', { json: { username: 'guyuan', password: PASSWORD } })).body.token;
});
afterAll(() => app.close());

it('lists a city’s counties and a county’s townships, by code, only inside the jurisdiction', async () => {
  const city = await call(app, 'GET', `/api/regions?parent=${CODES.city}`, { token });
  expect(city.status).toBe(200);
  expect(city.body).toEqual({
    region: { code: '6404', name: '固原市', level: 'city' },
    children: [
      { code: '640402', name: '原州区', level: 'county' },
      { code: '640422', name: '西吉县', level: 'county' },
    ],
  });
  const county = await call(app, 'GET', `/api/regions?parent=${CODES.yuanzhou}`, { token });
  expect(county.body.children.map((c: { name: string }) => c.name)).toEqual(['南关街道', '三营镇']);
  expect((await call(app, 'GET', `/api/regions?parent=${CODES.province}`, { token })).status).toBe(403);
  expect((await call(app, 'GET', `/api/regions?parent=${CODES.otherCity}`, { token })).status).toBe(403);
});
