/**
 * PostgreSQL's plans for the statements that run most, on the bench's province-scale database (plans
 * depend on the data, so a test database of a few rows would say little): the statements Prisma sends
 * for a session check, a station page built afresh, a new rating, and the year-end of a county, a
 * city and the province, caught from its query log and put through EXPLAIN with their own arguments.
 * (On SQLite, server/test/query-plans.test.ts checks the same statements in every `npm test`.) Run
 * after the request benchmark, so that sessions and today's ratings are there and analysed.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { assess, openDatabase } from '@plsr/server';

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
    const post = await db.assignment.findFirstOrThrow({ select: { staffId: true, station: { select: { id: true, code: true } } }, orderBy: { id: 'desc' } });
    const resident = await db.resident.findFirstOrThrow({ select: { id: true }, orderBy: { id: 'desc' } });
    caught.length = 0;
    phase = 'session';
    await db.$queryRaw`SELECT s."id", s."kind", s."residentId", s."expiresAt", s."revokedAt" IS NOT NULL AS "revoked",
      u."id" AS "userId", u."role", u."regionCode", u."disabledAt" IS NOT NULL AS "disabled", f."id" AS "staffId"
      FROM "Session" s LEFT JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Staff" f ON f."id" = u."staffId" WHERE s."id" = ${randomUUID()}`;
    phase = 'station page';
    await db.station.findUnique({ where: { code: post.station.code }, include: { region: true } });
    await db.assignment.findMany({
      where: {
        stationId: post.station.id,
        fromDate: { lte: `${year}-06-01` },
        OR: [{ toDate: null }, { toDate: { gte: `${year}-06-01` } }],
        staff: { status: 'active' },
      },
      select: { staff: true },
    });
    phase = 'year-end';
    const region = { userId: 0, role: 'region' as const, regionCode: '64' };
    for (const code of ['640402', '6404', '64']) await assess({ db, now: () => new Date(`${year}-12-31T08:00:00Z`) }, region, year, code);
    const sections: string[] = [];
    // The rating's INSERT is planned, not run (EXPLAIN without ANALYZE writes nothing).
    const insert = `INSERT INTO "Rating" ("residentId", "stationId", "staffId", "serviceType", "level", "raterType", "serviceDate", "serviceYear", "clientRequestId", "cityCode", "countyCode", "createdAt", "updatedAt")
      VALUES ($1, (SELECT s."id" FROM "Station" s WHERE s."code" = $2 AND s."status" = 'active' AND EXISTS (SELECT 1 FROM "Assignment" a WHERE a."stationId" = s."id" AND a."staffId" = $3
        AND a."fromDate" <= $4 AND (a."toDate" IS NULL OR a."toDate" >= $4))), $3, 'consultation', 5, 'individual', $4, ${year}, $5,
        (SELECT "cityCode" FROM "Station" WHERE "code" = $2), (SELECT "countyCode" FROM "Station" WHERE "code" = $2), now(), now())
      ON CONFLICT ("residentId", "staffId", "serviceDate") DO NOTHING RETURNING "id"`;
    const all = [...caught, { phase: 'rating', sql: insert, params: [resident.id, post.station.code, post.staffId, `${year}-06-01`, randomUUID()] }];
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
