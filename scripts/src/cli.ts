import { UserInputError, loadConfig, openMigratedDatabase, type Db } from '@plsr/server';

/** Runs a command-line job: exits with its code, or with 1 and the error's message (no stack trace for a person). */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}

/**
 * Runs an account job on the configured database (DATABASE_URL; it signs and decrypts nothing, so it
 * needs no secrets): a UserInputError is the operator's to fix and ends the job with its message
 * and exit code 1; the database is closed either way.
 */
export async function withAccountsDatabase(job: (db: Db) => Promise<number>): Promise<number> {
  const config = loadConfig(process.env, { devSecrets: 'not-needed' });
  const db = await openMigratedDatabase(config.databaseUrl);
  try {
    return await job(db);
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
