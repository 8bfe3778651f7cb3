import 'reflect-metadata';
import { runBackupCommand } from './backup-command';

runBackupCommand(process.env, process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`phonghop: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
