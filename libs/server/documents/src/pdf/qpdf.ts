import { execFile } from 'node:child_process';

/**
 * Rewrites the PDF with Debian's qpdf so a tablet draws page 1 after a few HTTP ranges whatever the page count:
 * `--object-streams=generate` packs the page tree and other small objects into a few compressed streams, so
 * pdf.js's start-up walk over all pages (it looks up the last page first) needs ≈ 5 range requests instead of one
 * per page. Measured in docs/benchmarks.md: classic linearization (`--linearize`) did not help pdf.js 6 at all
 * (87 requests for 300 pages either way); object streams took page 1 of a 300-page file from 2.2× to 1.09× the
 * 30-page time. `--deterministic-id` keeps the output a function of the input, so one upload gives one blob.
 * Returns false when qpdf is missing or refuses the file; the caller keeps the original then.
 */
export function repackForFirstPage(input: string, output: string, timeoutMs = 5 * 60_000): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      'qpdf',
      ['--object-streams=generate', '--deterministic-id', input, output],
      { timeout: timeoutMs, maxBuffer: 1024 * 1024 },
      (err) => {
        // Exit code 3 means "succeeded with warnings": the output is written and usable.
        const code = (err as { code?: number | string } | null)?.code;
        resolve(!err || code === 3);
      },
    );
  });
}
