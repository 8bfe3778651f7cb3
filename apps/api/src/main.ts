import 'reflect-metadata';
import { ConfigError, loadConfig } from './app/config';
import { createApp } from './app/create-app';
import { installBenchProbe } from './app/bench-probe';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const url = await app.getUrl();
  process.stdout.write(`phonghop đang chạy tại / is running at ${url.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost')}\n`);
  installBenchProbe(app);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`phonghop không khởi động được (failed to start): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
