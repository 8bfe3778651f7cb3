import type { PageRange } from './document';
import { quoteAnchorAt } from './quote';
import { DEFAULT_MAX_STEPS, reanchorAll, ReanchorItem } from './reanchor';
import { paginate } from './testing/bao-cao';
import { seeded, sentenceMaker } from './testing/generated';
import { locateAcross } from './testing/oracle';

type Chapters = string[][][]; // chapter → paragraph → sentences

const LAYOUT = { pageChars: 3000, lineChars: 90 };
const render = (chapters: Chapters) => paginate(chapters.map((ps) => ps.map((p) => p.join(' ')).filter((p) => p.length > 0)), LAYOUT);

describe('(f) bounded cost', () => {
  it('re-anchors 200 annotations on a 300-page document, 80 of them orphans, within a step budget', () => {
    const random = seeded(20261208);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const sentence = sentenceMaker(random);

    // 30 chapters of about 10 pages of 3,000 characters; each chapter starts on a new page.
    const chapters: Chapters = [];
    for (let c = 0; c < 30; c++) {
      const paragraphs: string[][] = [];
      for (let size = 0; size < 28_600; ) {
        const p = Array.from({ length: 5 }, () => sentence());
        paragraphs.push(p);
        size += p.join(' ').length + 1;
      }
      chapters.push(paragraphs);
    }
    const oldPages = render(chapters);
    expect(oldPages.length).toBe(300);
    expect(oldPages.reduce((n, p) => n + p.text.length, 0) / oldPages.length).toBeGreaterThan(2800);

    // 170 highlights on distinct sentences (a run of words from each, at least 40 characters, on one page):
    // 80 on sentences the new version deletes and 30 on sentences where a number is changed, all in chapters 0-19;
    // 60 on sentences kept, anywhere.
    type Pick = { c: number; p: number; s: number; text: string; fragment: string; old: PageRange };
    const taken = new Set<string>();
    const pickSentence = (chapterMax: number, accept: (fragment: string) => boolean): Pick => {
      for (;;) {
        const c = int(0, chapterMax);
        const p = int(0, (chapters[c]?.length ?? 1) - 1);
        const s = int(0, 4);
        const text = chapters[c]?.[p]?.[s] ?? '';
        if (taken.has(`${c}/${p}/${s}`)) continue;
        const words = text.split(' ');
        const a = int(0, Math.floor(words.length / 3));
        const b = int(Math.ceil((2 * words.length) / 3), words.length);
        const fragment = words.slice(a, b).join(' ');
        if (fragment.length < 40 || !accept(fragment)) continue;
        const old = locateAcross(oldPages, text, 'NFC', fragment);
        if (old.length !== 1 || old[0] === undefined) continue; // a highlight is made on one page
        taken.add(`${c}/${p}/${s}`);
        return { c, p, s, text, fragment, old: old[0] };
      }
    };
    const interiorNumber = (fragment: string) => fragment.split(' ').findIndex((w, i, ws) => i > 0 && i < ws.length - 1 && /\d/.test(w));
    const deleted = Array.from({ length: 80 }, () => pickSentence(19, () => true));
    const edited = Array.from({ length: 30 }, () => pickSentence(19, (f) => interiorNumber(f) > 0));
    const kept = Array.from({ length: 60 }, () => pickSentence(29, () => true));

    // The new version: those sentences deleted or edited, a new paragraph at the start of five chapters.
    const next: Chapters = chapters.map((ps) => ps.map((p) => [...p]));
    const edit = (x: Pick, text: string) => {
      const paragraph = next[x.c]?.[x.p];
      if (paragraph !== undefined) paragraph[x.s] = text;
    };
    for (const x of deleted) edit(x, '');
    const editedTo = edited.map((x) => {
      const words = x.fragment.split(' ');
      const i = interiorNumber(x.fragment);
      words[i] = (words[i] ?? '').replace(/\d/g, (d) => String((Number(d) + 3) % 10));
      const fragment = words.join(' ');
      const text = x.text.replace(x.fragment, fragment);
      edit(x, text);
      return { text, fragment };
    });
    for (const c of [3, 9, 15, 27]) next[c]?.unshift(Array.from({ length: 5 }, () => sentence()));
    next[21]?.unshift(...Array.from({ length: 8 }, () => Array.from({ length: 5 }, () => sentence())));
    const newPages = render(next.map((ps) => ps.map((p) => p.filter((s) => s.length > 0))));

    // 30 notes and drawings on pages of chapters the new version did not touch.
    const chapterStart = (chs: Chapters) => {
      const starts: number[] = [];
      let page = 1;
      for (const ch of chs) {
        starts.push(page);
        page += render([ch]).length;
      }
      return starts;
    };
    const oldStart = chapterStart(chapters);
    const newStart = chapterStart(next.map((ps) => ps.map((p) => p.filter((s) => s.length > 0))));
    const untouched = [20, 22, 23, 24, 25, 26, 28, 29];
    const pageItems = Array.from({ length: 30 }, (_, i) => {
      const c = untouched[i % untouched.length] ?? 20;
      const local = int(0, 8);
      return { id: `page-${i}`, old: (oldStart[c] ?? 0) + local, now: (newStart[c] ?? 0) + local };
    });

    const items: ReanchorItem[] = [
      ...[...deleted, ...edited, ...kept].map((x, i) => ({ id: `quote-${i}`, kind: 'quote' as const, anchor: quoteAnchorAt(oldPages, x.old.page, x.old.start, x.old.end) })),
      ...pageItems.map((x) => ({ id: x.id, kind: 'page' as const, page: x.old })),
    ];
    expect(items.length).toBe(200);

    const { placements, stats } = reanchorAll(items, oldPages, newPages);
    console.log(`(f) 200 annotations on ${oldPages.length} pages (${newPages.length} in the new version):`, JSON.stringify(stats));

    // Every annotation accounted for, in order, and where the oracle says it is.
    expect(placements.map((p) => p.id)).toEqual(items.map((i) => i.id));
    const summary = placements.map((p) => {
      const pl = p.placement;
      if (pl.status === 'orphan') return { id: p.id, status: pl.status, reason: pl.reason === 'budget' ? 'not-found' : pl.reason };
      return { id: p.id, status: pl.status, where: 'segments' in pl ? pl.segments : pl.page };
    });
    const expected = [
      // not found, or not reached before the budget ran out (counted below)
      ...deleted.map(() => ({ status: 'orphan', reason: 'not-found' })),
      ...editedTo.map((x) => ({ status: 'fuzzy', where: locateAcross(newPages, x.text, 'NFC', x.fragment) })),
      ...kept.map((x) => {
        const where = locateAcross(newPages, x.text, 'NFC', x.fragment);
        return { status: JSON.stringify(where) === JSON.stringify([x.old]) ? 'exact' : 'moved', where };
      }),
      ...pageItems.map((x) => ({ status: x.old === x.now ? 'same' : 'moved', where: x.now })),
    ].map((e, i) => ({ id: items[i]?.id, ...e }));
    expect(summary).toEqual(expected);
    const pageStatus = expected.slice(170).map((e) => e.status);
    expect(pageStatus).toContain('same');
    expect(pageStatus).toContain('moved');

    // The bound: steps, not wall time. Exact searches read the document once per quote not placed at once.
    expect(stats.maxSteps).toBe(DEFAULT_MAX_STEPS);
    expect(stats.steps).toBeLessThanOrEqual(DEFAULT_MAX_STEPS);
    expect(stats.steps).toBeGreaterThan(DEFAULT_MAX_STEPS * 0.9); // the orphans used the budget up
    expect(stats.budgetExhausted).toBe(true);
    // The budget is shared ring by ring: every orphan was searched over a good part of the document first.
    expect(stats.searchedRadius).toBeGreaterThanOrEqual(20);
    expect(stats.scannedChars).toBeLessThanOrEqual(170 * newPages.reduce((n, p) => n + p.text.length + 1, 0));
    expect(stats.counts).toMatchObject({ orphan: 80, fuzzy: 30 });
  }, 60_000);
});
