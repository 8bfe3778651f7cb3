import { execFile } from 'node:child_process';

/**
 * Linearizes (“fast web view”) with Debian's qpdf, so the first page arrives in the first HTTP range a tablet
 * asks for. `--deterministic-id` makes the output depend on the input only, so the same upload always gives
 * the same blob. Returns false when qpdf is missing or refuses the file; the caller keeps the original then.
 */
export function linearize(input: string, output: string, timeoutMs = 5 * 60_000): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      'qpdf',
      ['--linearize', '--deterministic-id', '--object-streams=preserve', input, output],
      { timeout: timeoutMs, maxBuffer: 1024 * 1024 },
      (err) => {
        // Exit code 3 means "succeeded with warnings": the output is written and usable.
        const code = (err as { code?: number | string } | null)?.code;
        resolve(!err || code === 3);
      },
    );
  });
}
