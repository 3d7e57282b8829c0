/** Production entry: `tsx server/src/main.ts` with the environment described in docs/operations.md. */
import { ConfigError, loadConfig } from './config';
import { closeOnSignals, startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const running = await startServer(config);
  running.logger.info({ url: running.url, database: config.provider }, 'listening');
  closeOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
