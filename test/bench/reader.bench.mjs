// First page in the tablet reader: phonghop's reader route against a bare pdf.js page served by nginx,
// both in Debian's Chromium, both loading with pdf.js range requests. Called by documents.bench.mjs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { makePdf } from './lib/make-pdf.mjs';
import { uploadDocument } from './lib/phonghop-client.mjs';
import { log } from './lib/util.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const MARKER = 'reader-page-1';

/** The smallest pdf.js page that does what the reader does for page 1: range loading, fit width, one canvas. */
const BARE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>bare pdf.js</title></head>
<body style="margin:0;background:#ddd">
<div id="page"></div>
<script type="module">
import * as pdfjs from './pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = new URL('./pdf.worker.min.mjs', location.href).href;
const params = new URLSearchParams(location.search);
const pdf = await pdfjs.getDocument({ url: params.get('file'), disableAutoFetch: true, disableStream: true, rangeChunkSize: 65536 }).promise;
const page = await pdf.getPage(1);
const width = Number(params.get('w')) || document.documentElement.clientWidth - 32;
const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
const canvas = document.createElement('canvas');
canvas.width = Math.floor(viewport.width);
canvas.height = Math.floor(viewport.height);
document.getElementById('page').append(canvas);
await page.render({ canvas, viewport }).promise;
document.getElementById('page').dataset.drawn = 'pdf';
document.getElementById('page').dataset.testid = '${MARKER}';
</script>
</body></html>
`;

/** Writes the bare page and the pdf.js build (the same 6.5.438 phonghop bundles) into nginx's root. */
export function prepareBarePage(www) {
  writeFileSync(join(www, 'bare.html'), BARE_HTML);
  for (const f of ['pdf.min.mjs', 'pdf.worker.min.mjs']) copyFileSync(join(ROOT, 'node_modules/pdfjs-dist/build', f), join(www, f));
}

/**
 * Records, relative to navigation start, when page 1 is first on screen (its container carries the "drawn" test
 * id: phonghop's server-made image or pdf.js' canvas, whichever comes first) and when pdf.js itself has drawn
 * it (`data-drawn="pdf"`: text selectable and searchable).
 */
function markerWatch(marker) {
  // For --reader-trace: the main thread's long tasks.
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  } catch {
    // Not supported: no long tasks in the trace.
  }
  let pdfDrawn;
  let inReader;
  // Awaited by openOnce with one small evaluate; see there.
  window.__pdfDrawn = new Promise((resolve) => (pdfDrawn = resolve));
  window.__inReader = new Promise((resolve) => (inReader = resolve));
  const check = () => {
    const el = document.querySelector(`[data-testid="${marker}"]`);
    if (!el) return;
    window.__drawnAt ??= performance.now();
    if (el.getAttribute('data-drawn') === 'pdf' && window.__pdfDrawnAt === undefined) {
      window.__pdfDrawnAt = performance.now();
      pdfDrawn();
    }
    // phonghop: pdf.js' page 1 in the reader's own page box (its tools and text layer there), not only on screen.
    if (window.__inReaderAt === undefined && document.querySelector(`ph-root [data-testid="${marker}"][data-drawn="pdf"]`)) {
      window.__inReaderAt = performance.now();
      inReader();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-testid', 'data-drawn'] });
}

async function tabletContext(browser, extra = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'block', ...extra,
  });
  await context.addInitScript(markerWatch, MARKER);
  return context;
}

/**
 * One open: full navigation, then (ms since navigation start) when page 1 was on screen and when pdf.js had drawn
 * it, when the first PDF request went out and when the last PDF byte before pdf.js drew arrived, and how many PDF
 * requests were made by then
 * (pdf.js fetches from the page, so they are in its resource timing).
 */
async function openOnce(page, url) {
  await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
  // Not waitForFunction: it injects Playwright's own script (≈ 10 ms of main-thread compiling in an idle page, 25–40 ms
  // in a busy one) while the page is loading, and that lands in what is measured. This waits on the marker's promise.
  await page.evaluate(() => Promise.race([window.__pdfDrawn, new Promise((_, reject) => setTimeout(() => reject(new Error('page 1 not drawn by pdf.js within 30 s')), 30_000))]));
  await page.evaluate(() => document.querySelector('ph-root') && Promise.race([window.__inReader, new Promise((_, reject) => setTimeout(() => reject(new Error('page 1 not in the reader within 30 s')), 30_000))]));
  return page.evaluate(() => {
    const drawn = window.__drawnAt;
    const pdfDrawn = window.__pdfDrawnAt;
    const pdf = performance
      .getEntriesByType('resource')
      .filter((e) => (/\.pdf(\?|$)/.test(e.name) || /\/api\/documents\/[^/]+\/(versions\/\d+\/)?file/.test(e.name)) && e.startTime < pdfDrawn);
    return {
      ms: drawn,
      pdfMs: pdfDrawn,
      inReaderMs: window.__inReaderAt ?? NaN,
      requests: pdf.length,
      firstRequest: Math.min(...pdf.map((e) => e.startTime)),
      lastByte: Math.max(...pdf.map((e) => e.responseEnd)),
    };
  });
}

/** CPU ms used so far by each kind of process (Chromium's by --type, the API, nginx, this script): Linux's /proc. */
function cpuByProcess() {
  const out = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? (/chromium/.test(cmd) ? 'browser' : /main\.js/.test(cmd) ? 'api' : /nginx/.test(cmd) ? 'nginx' : /bench/.test(cmd) ? 'bench' : 'other');
      const sub = /--utility-sub-type=([a-zA-Z.]+)/.exec(cmd)?.[1] ?? '';
      const k = `${type}${sub ? ':' + sub.split('.').pop() : ''}`;
      out[k] = (out[k] ?? 0) + (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/**
 * Waits until the browser, the API and nginx together use under 10 % of one core over 200 ms (at most 5 s), and
 * returns how long that took. Opens alternate between two tabs, and an open that has drawn page 1 goes on working
 * (the reader's text layer, page images, socket; pdf.js' teardown): without this, that work lands in the next
 * open, of the other tab, and which case follows which decided much of the spread between runs.
 */
async function waitForQuiet() {
  const busy = () => Object.entries(cpuByProcess()).reduce((sum, [k, ms]) => (k === 'bench' || k === 'other' ? sum : sum + ms), 0);
  const started = Date.now();
  let before = busy();
  while (Date.now() - started < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = busy();
    if (now - before < 20) break;
    before = now;
  }
  return Date.now() - started;
}

/**
 * One open logged (--reader-trace, stderr; nothing of it is in the JSON lines), for finding where the time goes:
 * the CPU each kind of process used during it; a timeline in ms since navigation start of every request the page and
 * its workers made (left → last byte), the main thread's long tasks and the page's performance marks; and, with
 * READER_TRACE_DIR set, Chromium's own trace of the open there (chrome://tracing or Perfetto reads it).
 */
async function traceOpen(page, url, key) {
  const cpu0 = cpuByProcess();
  const requests = [];
  const onDone = (request) => requests.push(request);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  const tracePath = process.env.READER_TRACE_DIR ? `${process.env.READER_TRACE_DIR}/${key}-${Date.now()}.json` : null;
  if (tracePath) await page.context().browser().startTracing(page, { path: tracePath, screenshots: false, categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8', 'disabled-by-default-v8.compile'] });
  try {
    await openOnce(page, url);
    if (tracePath) await page.context().browser().stopTracing();
    const t = await page.evaluate(() => ({
      origin: performance.timeOrigin, drawn: window.__drawnAt, pdf: window.__pdfDrawnAt, longTasks: window.__longTasks,
      marks: performance.getEntriesByType('mark').map((m) => [m.startTime, m.name]),
    }));
    const lines = requests
      .map((r) => {
        const timing = r.timing();
        const name = r.url().replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '').slice(-48);
        const range = r.headers().range ? ` ${r.headers().range}` : '';
        return { at: timing.startTime - t.origin, end: timing.startTime + timing.responseEnd - t.origin, text: `${name}${range}` };
      })
      .concat(t.longTasks.map(([at, ms]) => ({ at, end: at + ms, text: `(main thread busy ${ms.toFixed(0)} ms)` })))
      .concat(t.marks.map(([at, name]) => ({ at, end: at, text: `mark ${name}` })))
      .sort((a, b) => a.at - b.at)
      .map((l) => `  ${l.at.toFixed(0).padStart(5)} → ${l.end.toFixed(0).padStart(5)}  ${l.text}`);
    const cpu1 = cpuByProcess();
    log(`cpu ${key}: ${Object.keys(cpu1).map((k) => `${k} ${cpu1[k] - (cpu0[k] ?? 0)}`).filter((x) => !/ 0$/.test(x)).join(', ')}`);
    log(`trace ${key}: on screen ${t.drawn?.toFixed(0)} ms, pdf.js drawn ${t.pdf?.toFixed(0)} ms\n${lines.join('\n')}`);
  } finally {
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * cases: [{ pages, readerUrls, servedFile, originalFile, objstreamsFile }]: readerUrls holds reps + 1 uploads of the same PDF, and
 * the bare page adds `?open=N` to the file names, so that every open fetches the PDF afresh, as a delegate opening a
 * document for the first time does; app, pdf.js and its worker stay in the HTTP cache after the warm-up (open 0).
 * Returns { [key]: { pages, reader, file?, ms, requests, firstRequest, lastByte } }, each the median over `reps` opens.
 */
export async function measureFirstPage({ base, cookie, nginxBase, cases, reps, trace = 0 }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  try {
    const eq = cookie.indexOf('=');
    const appContext = await tabletContext(browser);
    await appContext.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: base }]);
    const bareContext = await tabletContext(browser);
    const app = await appContext.newPage();
    const bare = await bareContext.newPage();

    // Warm-up: app chunks, pdf.js and its worker into the HTTP cache; the reader's canvas width for the bare page.
    await openOnce(app, cases[0].readerUrls[0]);
    const width = await app.evaluate((m) => document.querySelector(`[data-testid="${m}"] canvas`)?.getBoundingClientRect().width, MARKER);
    log(`reader draws page 1 ${width} CSS px wide; the bare page uses the same width`);
    const runs = [];
    for (const c of cases) {
      const bareUrl = (file) => (i) => `${nginxBase}/bare.html?w=${Math.round(width)}&file=${encodeURIComponent(`${file}?open=${i}`)}`;
      runs.push({ key: `phonghop-${c.pages}`, out: { pages: c.pages, reader: 'phonghop' }, page: app, url: (i) => c.readerUrls[i] });
      runs.push({ key: `bare-${c.pages}`, out: { pages: c.pages, reader: 'bare', file: 'linearized' }, page: bare, url: bareUrl(c.servedFile) });
      runs.push({ key: `bare-original-${c.pages}`, out: { pages: c.pages, reader: 'bare', file: 'original' }, page: bare, url: bareUrl(c.originalFile) });
      runs.push({ key: `bare-objstreams-${c.pages}`, out: { pages: c.pages, reader: 'bare', file: 'objstreams' }, page: bare, url: bareUrl(c.objstreamsFile) });
    }
    for (const r of runs) await openOnce(r.page, r.url(0));
    const samples = Object.fromEntries(runs.map((r) => [r.key, []]));
    const quietWaits = [];
    for (let rep = 1; rep <= reps; rep++) {
      // Interleaved, so that a noisy neighbour spreads over all cases rather than hitting one.
      for (const r of rep % 2 ? runs : [...runs].reverse()) {
        quietWaits.push(await waitForQuiet());
        samples[r.key].push(await openOnce(r.page, r.url(rep)));
      }
      log(`reader rep ${rep}/${reps}: ${runs.map((r) => `${r.key} ${samples[r.key].at(-1).ms.toFixed(0)} ms`).join(', ')}`);
    }
    log(`before each open, waited for a quiet machine: median ${median(quietWaits)} ms, longest ${Math.max(...quietWaits)} ms`);
    for (let t = 1; t <= trace; t++) {
      for (const r of runs) {
        await waitForQuiet();
        await traceOpen(r.page, r.url(reps + t), r.key);
      }
    }
    const med = (key, field) => median(samples[key].map((x) => x[field]));
    return Object.fromEntries(
      runs.map((r) => [r.key, { ...r.out, ms: med(r.key, 'ms'), pdfMs: med(r.key, 'pdfMs'), inReaderMs: med(r.key, 'inReaderMs'), requests: med(r.key, 'requests'), firstRequest: med(r.key, 'firstRequest'), lastByte: med(r.key, 'lastByte') }]),
    );
  } finally {
    await browser.close();
  }
}

/**
 * The whole first-page part: uploads a 30- and a 300-page PDF through the API (linearized by phonghop), puts
 * the served and the original bytes into nginx's root, measures, and emits the JSON lines.
 */
export async function runReaderBench({ base, secretary, delegate, meetingId, www, nginxBase, reps, trace = 0, emit }) {
  prepareBarePage(www);
  const cases = [];
  for (const pages of [30, 300]) {
    // Text pages with a small image each (16 KiB, like a stamp or a chart): 0.5 MB and 5 MB.
    const pdf = await makePdf({ pages, targetBytes: pages * 16 * 1024 });
    const readerUrls = [];
    let fileUrl;
    for (let i = 0; i <= reps + trace; i++) {
      const doc = await uploadDocument(base, secretary, meetingId, pdf, { title: `Tài liệu ${pages} trang (${i})`, fileName: `tai-lieu-${pages}-trang-${i}.pdf` });
      readerUrls.push(`${base}/meetings/${meetingId}/documents/${doc.id}`);
      fileUrl = `${base}/api/documents/${doc.id}/versions/${doc.current.version}/file`;
      // A delegate opens a document some time after its upload, when the background work has made the page-1
      // image; asking for it here makes sure it exists (it is made on demand if the queue has not got to it).
      const preview = await fetch(`${base}/api/documents/${doc.id}/versions/${doc.current.version}/preview`, { headers: { cookie: secretary } });
      if (preview.status !== 200) throw new Error(`preview of ${doc.id}: HTTP ${preview.status}`);
      await preview.arrayBuffer();
    }
    const served = Buffer.from(await (await fetch(fileUrl, { headers: { cookie: delegate } })).arrayBuffer());
    writeFileSync(join(www, `reader-${pages}.pdf`), served);
    writeFileSync(join(www, `reader-${pages}-original.pdf`), pdf);
    // For comparison: not linearized, but the page dictionaries packed into object streams (see docs/benchmarks.md).
    execFileSync('qpdf', ['--object-streams=generate', join(www, `reader-${pages}-original.pdf`), join(www, `reader-${pages}-objstreams.pdf`)]);
    log(`${pages} pages: ${(pdf.length / 1e6).toFixed(2)} MB uploaded, ${(served.length / 1e6).toFixed(2)} MB served`);
    cases.push({ pages, readerUrls, servedFile: `reader-${pages}.pdf`, originalFile: `reader-${pages}-original.pdf`,
      objstreamsFile: `reader-${pages}-objstreams.pdf` });
  }
  const r = await measureFirstPage({ base, cookie: delegate, nginxBase, cases, reps, trace });
  for (const m of Object.values(r)) emit('first_page_ms', Math.round(m.ms), { pages: m.pages, reader: m.reader, ...(m.file ? { file: m.file } : {}), reps,
      pdfjs_drawn_ms: Math.round(m.pdfMs), ...(Number.isFinite(m.inReaderMs) ? { in_reader_ms: Math.round(m.inReaderMs) } : {}), pdf_requests: m.requests, pdf_first_request_ms: Math.round(m.firstRequest), pdf_last_byte_ms: Math.round(m.lastByte) });
  const ratio300 = r['phonghop-300'].ms / r['phonghop-30'].ms;
  emit('first_page_ratio_300_vs_30', +ratio300.toFixed(3), { reader: 'phonghop', target: 1.25, pass: ratio300 <= 1.25 });
  for (const pages of [30, 300]) {
    const ratio = r[`phonghop-${pages}`].ms / r[`bare-${pages}`].ms;
    emit('first_page_ratio_vs_bare_pdfjs', +ratio.toFixed(3), { pages, target: 1.2, pass: ratio <= 1.2 });
  }
  // Up to pdf.js' own drawing of page 1 on screen: target ≤ 1.3 against bare pdf.js (issue 12); the 300-vs-30 ratio
  // has none. `in_reader_ms` above: when the reader's own page box has it (its tools usable, the text layer next).
  const pdf300 = r['phonghop-300'].pdfMs / r['phonghop-30'].pdfMs;
  emit('pdfjs_drawn_ratio_300_vs_30', +pdf300.toFixed(3), { reader: 'phonghop' });
  for (const pages of [30, 300]) {
    const ratio = r[`phonghop-${pages}`].pdfMs / r[`bare-${pages}`].pdfMs;
    emit('pdfjs_drawn_ratio_vs_bare_pdfjs', +ratio.toFixed(3), { pages, target: 1.3, pass: ratio <= 1.3 });
  }
}
