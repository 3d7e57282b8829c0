/**
 * `npm run user:create -- --username … --password … --role county|city|region --region CODE`:
 * makes a bureau account for the division of the matching level. No prompt, so that it can be
 * scripted; exits non-zero with a message on any problem.
 */
import { parseArgs } from 'node:util';
import { createBureauUser } from '@plsr/server';
import { runCli, withAccountsDatabase } from './cli';

const USAGE = '用法 usage: npm run user:create -- --username NAME --password PASS --role county|city|region --region CODE';

async function main(argv: string[]): Promise<number> {
  let values: { username?: string; password?: string; role?: string; region?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const { username, password, role, region } = values;
  if (username === undefined || password === undefined || role === undefined || region === undefined) {
    console.error(`缺少参数 (missing arguments)\n${USAGE}`);
    return 1;
  }
  return withAccountsDatabase(async (db) => {
    const user = await createBureauUser(db, { username, password, role, regionCode: region });
    console.log(`已创建账号 created user ${user.username} (${user.role}, ${user.regionName} ${user.regionCode})`);
    return 0;
  });
}

runCli(main);
