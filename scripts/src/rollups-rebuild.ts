/**
 * `npm run rollups:rebuild`: counts the rating counts (RatingCountByStaff, RatingCountByStation) again
 * from the ratings, in one transaction. The server keeps them as ratings are written; this is for a
 * database changed by hand, an import past the API, or a check after a restore.
 */
import { loadConfig, openMigratedDatabase, rebuildRatingCounts } from '@plsr/server';
import { runCli } from './cli';

async function main(): Promise<number> {
  const config = loadConfig(process.env, { devSecrets: 'not-needed' });
  const db = await openMigratedDatabase(config.databaseUrl);
  try {
    const started = Date.now();
    await db.$transaction((tx) => rebuildRatingCounts(tx), { maxWait: 10_000, timeout: 3_600_000 });
    const [staffRows, stationRows] = await Promise.all([db.ratingCountByStaff.count(), db.ratingCountByStation.count()]);
    console.log(
      `已重算评价计数 rebuilt rating counts: ${staffRows} staff rows, ${stationRows} station rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCli(main);
