/**
 * The code of the PDF worker thread, as plain JavaScript run with `new Worker(code, { eval: true })`.
 *
 * Why a string: pdf.js is an ES module and the worker must load it with Node's own loader. Neither the
 * webpack bundle of the API nor jest's CommonJS transform may touch it, and a separate worker file would have
 * to be shipped beside the bundle. The main thread resolves the absolute module paths and passes them in
 * `workerData.modules`. Heavy work (parsing, rendering, stamping 200 MB files) thus never blocks the event loop.
 *
 * Tasks (workerData.task):
 *  - inspect   {file}                       → {pageCount}
 *  - thumbnails {file, outDir, width}       → {pageCount}   writes <outDir>/<page>.png
 *  - preview   {file, out, width, chunk}    → {pageCount, firstPageChunks} writes page 1 as WebP to `out`; the
 *                                             chunks (of `chunk` bytes) pdf.js read for it besides the first and last
 *  - text      {file}                       → {pages: string[]}
 *  - watermark {file, out, lines, fontFile} → {pageCount}   writes `out`
 * Failures answer {ok: false, kind: 'encrypted' | 'malformed' | 'error', message}.
 */
export const PDF_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const fs = require('node:fs');
const path = require('node:path');

async function openPdf(pdfjs, file, lazy) {
  const task = pdfjs.getDocument({
    url: pathToFileURL(file).href,
    standardFontDataUrl: workerData.modules.standardFonts,
    cMapUrl: workerData.modules.cMaps,
    cMapPacked: true,
    isEvalSupported: false,
    verbosity: 0,
    // Inspection needs the cross-reference table and page tree only: read just those byte ranges.
    disableAutoFetch: lazy,
    disableStream: lazy,
  });
  const doc = await task.promise;
  return { doc, task };
}

function classify(err) {
  const name = err && err.name;
  if (name === 'PasswordException') return 'encrypted';
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') return 'malformed';
  return 'error';
}

async function writeAtomically(target, bytes) {
  const tmp = target + '.' + process.pid + '.' + Math.random().toString(36).slice(2) + '.tmp';
  const fh = await fs.promises.open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, target);
}

async function inspect(pdfjs) {
  const { doc, task } = await openPdf(pdfjs, workerData.file, true);
  try {
    if (!doc.numPages) return { ok: false, kind: 'malformed', message: 'no pages' };
    // Parsing the first page catches files whose page tree is there but whose content is broken.
    await doc.getPage(1);
    return { ok: true, pageCount: doc.numPages };
  } finally {
    await task.destroy();
  }
}

async function thumbnails(pdfjs) {
  const { doc, task } = await openPdf(pdfjs, workerData.file, false);
  try {
    fs.mkdirSync(workerData.outDir, { recursive: true });
    for (let n = 1; n <= doc.numPages; n++) {
      const target = path.join(workerData.outDir, n + '.png');
      if (fs.existsSync(target)) continue;
      const page = await doc.getPage(n);
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: workerData.width / natural.width });
      const c = doc.canvasFactory.create(Math.round(viewport.width), Math.round(viewport.height));
      c.context.fillStyle = '#ffffff';
      c.context.fillRect(0, 0, c.canvas.width, c.canvas.height);
      await page.render({ canvas: c.canvas, canvasContext: c.context, viewport }).promise;
      await writeAtomically(target, await c.canvas.encode('png'));
      doc.canvasFactory.destroy(c);
      page.cleanup();
    }
    return { ok: true, pageCount: doc.numPages };
  } finally {
    await task.destroy();
  }
}

/**
 * The file opened as the tablet's reader opens it: the first chunk handed over, then only the chunks pdf.js asks for
 * (same chunk size, no auto-fetch), read from disk; \`asked\` collects their indexes.
 */
async function openByChunks(pdfjs, file, chunk) {
  const fh = await fs.promises.open(file, 'r');
  const { size } = await fh.stat();
  const read = async (begin, end) => {
    const buf = Buffer.alloc(end - begin);
    const { bytesRead } = await fh.read(buf, 0, end - begin, begin);
    return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
  };
  const asked = new Set();
  const transport = new pdfjs.PDFDataRangeTransport(size, await read(0, Math.min(chunk, size)));
  let task;
  transport.requestDataRange = (begin, end) => {
    for (let c = Math.floor(begin / chunk); c * chunk < end; c++) asked.add(c);
    read(begin, end).then((bytes) => transport.onDataRange(begin, bytes), () => task && task.destroy());
  };
  task = pdfjs.getDocument({
    range: transport,
    length: size,
    rangeChunkSize: chunk,
    disableAutoFetch: true,
    disableStream: true,
    standardFontDataUrl: workerData.modules.standardFonts,
    cMapUrl: workerData.modules.cMaps,
    cMapPacked: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    return { doc: await task.promise, task, asked, size, close: () => fh.close() };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

async function preview(pdfjs) {
  // Page 1 only, read as the reader reads it: the chunks it needed are recorded for the reader to fetch up front.
  const { doc, task, asked, size, close } = await openByChunks(pdfjs, workerData.file, workerData.chunk);
  try {
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: workerData.width / natural.width });
    const c = doc.canvasFactory.create(Math.round(viewport.width), Math.round(viewport.height));
    c.context.fillStyle = '#ffffff';
    c.context.fillRect(0, 0, c.canvas.width, c.canvas.height);
    await page.render({ canvas: c.canvas, canvasContext: c.context, viewport }).promise;
    fs.mkdirSync(path.dirname(workerData.out), { recursive: true });
    await writeAtomically(workerData.out, await c.canvas.encode('webp', 82));
    doc.canvasFactory.destroy(c);
    // The reader also builds page 1's text layer.
    await page.getTextContent();
    const last = Math.floor((size - 1) / workerData.chunk);
    const firstPageChunks = [...asked].filter((n) => n !== 0 && n !== last).sort((a, b) => a - b);
    return { ok: true, pageCount: doc.numPages, firstPageChunks };
  } finally {
    await task.destroy();
    await close();
  }
}

async function text(pdfjs) {
  const { doc, task } = await openPdf(pdfjs, workerData.file, false);
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let s = '';
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue;
        s += item.str + (item.hasEOL ? '\\n' : ' ');
      }
      pages.push(s.replace(/[ \\t]+/g, ' ').replace(/ ?\\n ?/g, '\\n').trim());
      page.cleanup();
    }
    return { ok: true, pages };
  } finally {
    await task.destroy();
  }
}

async function watermark() {
  const lib = require(workerData.modules.pdfLib);
  const fontkit = require(workerData.modules.fontkit);
  const pdf = await lib.PDFDocument.load(fs.readFileSync(workerData.file), { updateMetadata: false });
  pdf.registerFontkit(fontkit.default || fontkit);
  const font = await pdf.embedFont(fs.readFileSync(workerData.fontFile), { subset: true });
  const lines = workerData.lines;
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const angle = Math.atan2(height, width);
    const size = Math.max(10, Math.min(28, Math.hypot(width, height) / 28));
    const gap = size * 1.4;
    lines.forEach((line, i) => {
      const w = font.widthOfTextAtSize(line, size);
      // Centre each line on the page diagonal, lines stacked across it.
      const offset = (i - (lines.length - 1) / 2) * gap;
      const cx = width / 2 + Math.sin(angle) * offset;
      const cy = height / 2 - Math.cos(angle) * offset;
      page.drawText(line, {
        x: cx - (Math.cos(angle) * w) / 2 + (Math.sin(angle) * size) / 3,
        y: cy - (Math.sin(angle) * w) / 2 - (Math.cos(angle) * size) / 3,
        size,
        font,
        color: lib.rgb(0.75, 0.1, 0.1),
        opacity: 0.28,
        rotate: lib.radians(angle),
      });
    });
    // A small plain line at the foot of each page survives even when the diagonal is cropped off.
    const foot = lines.join(' · ');
    page.drawText(foot, { x: 24, y: 12, size: 7, font, color: lib.rgb(0.6, 0.1, 0.1), opacity: 0.7 });
  }
  await writeAtomically(workerData.out, await pdf.save());
  return { ok: true, pageCount: pdf.getPageCount() };
}

(async () => {
  let result;
  try {
    const task = workerData.task;
    if (task === 'watermark') {
      result = await watermark();
    } else {
      const pdfjs = await import(pathToFileURL(workerData.modules.pdfjs).href);
      if (task === 'inspect') result = await inspect(pdfjs);
      else if (task === 'thumbnails') result = await thumbnails(pdfjs);
      else if (task === 'preview') result = await preview(pdfjs);
      else if (task === 'text') result = await text(pdfjs);
      else result = { ok: false, kind: 'error', message: 'unknown task ' + task };
    }
  } catch (err) {
    result = { ok: false, kind: classify(err), message: String((err && err.message) || err) };
  }
  parentPort.postMessage(result);
})();
`;
