/**
 * PostgreSQL's plans for the statements that run most, on the bench's province-scale database (plans
 * depend on the data, so a test database of a few rows would say little): the statements the server's
 * own code sends for a session check, a station page built afresh, a new rating, and the year-end of a
 * county, a city and the province, caught from Prisma's query log (the logging client takes no direct
 * path) and put through EXPLAIN with their own arguments.
 * (On SQLite, server/test/query-plans.test.ts checks the same statements in every `npm test`.) Run
 * after the request benchmark, so that sessions and today's ratings are there and analysed.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { assess, newRatingsInsertPostgres, openDatabase, sessionsLookupPostgres, viewStation } from '@plsr/server';

interface Caught {
  phase: string;
  sql: string;
  params: unknown[];
}

/** Plan lines that name a scan or join, with their estimates trimmed. */
const shape = (plan: string[]) =>
  plan.map((line) => line.replace(/\s+\(cost=[^)]*\)/, '')).filter((line) => /Scan|Join|Loop|Aggregate|Insert|Sort|Hash|Result/.test(line));

export async function postgresPlansMarkdown(url: string, year: number): Promise<string> {
  const caught: Caught[] = [];
  let phase = '';
  const db = openDatabase(url, {
    onQuery: (e) => {
      if (/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(e.query)) caught.push({ phase, sql: e.query, params: JSON.parse(e.params) as unknown[] });
    },
  });
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    await pg.query('ANALYZE');
    const post = await db.assignment.findFirstOrThrow({ select: { staffId: true, station: { select: { code: true } } }, orderBy: { id: 'desc' } });
    const resident = await db.resident.findFirstOrThrow({ select: { id: true }, orderBy: { id: 'desc' } });
    caught.length = 0;
    phase = 'station page';
    // A fresh client keeps no station views: this builds one, as a station's first scan of a day does.
    await viewStation({ db, now: () => new Date(`${year}-06-01T04:00:00Z`) }, post.station.code);
    phase = 'year-end';
    const region = { userId: 0, role: 'region' as const, regionCode: '64' };
    for (const code of ['640402', '6404', '64']) await assess({ db, now: () => new Date(`${year}-12-31T08:00:00Z`) }, region, year, code);
    const sections: string[] = [];
    // The statements the server sends on PostgreSQL for the session check and a new rating, which
    // gather the requests arriving together (one here); the INSERT is planned, not run (EXPLAIN
    // without ANALYZE writes nothing).
    const session = sessionsLookupPostgres([randomUUID()]);
    const insert = newRatingsInsertPostgres([
      {
        stationCode: post.station.code,
        data: {
          residentId: resident.id,
          staffId: post.staffId,
          serviceType: 'consultation',
          level: 5,
          raterType: 'individual',
          serviceDate: `${year}-06-01`,
          serviceYear: year,
          clientRequestId: randomUUID(),
          bodyHash: 'plan',
        },
        at: new Date(),
      },
    ]);
    const all = [{ phase: 'session', sql: session.text, params: session.values }, ...caught, { phase: 'rating', sql: insert.text, params: insert.values }];
    for (const c of all) {
      const { rows } = await pg.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${c.sql}`, c.params);
      const plan = shape(rows.map((r) => r['QUERY PLAN']));
      sections.push(
        `- **${c.phase}**: \`${c.sql.replace(/\s+/g, ' ').slice(0, 140)}${c.sql.length > 140 ? '…' : ''}\`\n\n  \`\`\`\n${plan.map((l) => `  ${l}`).join('\n')}\n  \`\`\``,
      );
    }
    // The tables that grow with every rating, resident or login; the count tables grow only with staff
    // and stations, and a province's year-end reads all of its year's rows, where a scan is the plan.
    const seqScans = all.flatMap((c, i) => (/Seq Scan on "(Rating|RatingSubmission|Session|Resident)"/.test(sections[i]!) ? [c.phase] : []));
    return `## Query plans

\`server/test/query-plans.test.ts\` (in \`npm test\`) puts every statement of the session check, the station page, a
rating (new, edited, retried) and the year-end through SQLite's EXPLAIN QUERY PLAN: no request reads a whole table,
and the year-end never reads ratings, submissions, sessions or residents (\`PRINT_PLANS=1\` prints them). Below,
PostgreSQL's plans for the same statements on the first size's database after the request benchmark, with real
arguments (the count tables grow with staff and stations only; for a province's year-end, reading all of the
year's rows is the plan).
${seqScans.length ? `**A sequential scan of a growing table** in: ${[...new Set(seqScans)].join(', ')}.` : 'No statement reads a whole table that grows with ratings, residents or logins.'}

${sections.join('\n')}
`;
  } finally {
    await pg.end();
    await db.$disconnect();
  }
}
