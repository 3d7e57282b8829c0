/**
 * `npm run user:disable -- --username NAME [--enable]`: disables an account at once (every session of
 * it ends, it cannot log in) or enables it again. Exits non-zero with a message on any problem.
 */
import { parseArgs } from 'node:util';
import { setUserDisabled } from '@plsr/server';
import { runCli, withAccountsDatabase } from './cli';

const USAGE = '用法 usage: npm run user:disable -- --username NAME [--enable]';

async function main(argv: string[]): Promise<number> {
  let values: { username?: string; enable?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { username: { type: 'string' }, enable: { type: 'boolean' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.username === undefined) {
    console.error(`缺少参数 (missing arguments)\n${USAGE}`);
    return 1;
  }
  const { username, enable } = values;
  return withAccountsDatabase(async (db) => {
    const r = await setUserDisabled(db, username, !enable, new Date());
    console.log(enable ? `已启用账号 enabled ${r.username}` : `已停用账号 disabled ${r.username}; ended ${r.sessionsEnded} session(s)`);
    return 0;
  });
}

runCli(main);
