/**
 * `npm run user:disable -- --username NAME [--enable]`: disables an account at once (every session of
 * it ends, it cannot log in) or enables it again. Exits non-zero with a message on any problem.
 */
import { parseArgs } from 'node:util';
import { UserInputError, loadConfig, openMigratedDatabase, setUserDisabled } from '@plsr/server';
import { runCli } from './cli';

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
  const config = loadConfig(process.env, { devSecrets: 'not-needed' });
  const db = await openMigratedDatabase(config.databaseUrl);
  try {
    const r = await setUserDisabled(db, values.username, !values.enable, new Date());
    console.log(values.enable ? `已启用账号 enabled ${r.username}` : `已停用账号 disabled ${r.username}; ended ${r.sessionsEnded} session(s)`);
    return 0;
  } catch (error) {
    if (error instanceof UserInputError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

runCli(main);
