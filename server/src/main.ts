/** Production entry: `tsx server/src/main.ts` with the environment described in docs/operations.md. */
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const running = await startServer(config);
  running.logger.info({ url: running.url, database: config.provider }, 'listening');
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
