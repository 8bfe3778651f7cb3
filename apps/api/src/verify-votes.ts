import 'reflect-metadata';
import { runVerifyVotes } from './verify-votes-command';

runVerifyVotes(process.env, process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`verify-votes: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
