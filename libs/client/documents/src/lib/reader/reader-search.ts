import { computed, signal } from '@angular/core';
import type { I18nService } from '@phonghop/client-i18n';
import { SEARCH_MIN_LENGTH } from '@phonghop/contracts';
import type { PDFDocumentProxy, TextLayer } from 'pdfjs-dist';
import { firstHitFrom, pageHits, stepHit, type DocumentHit } from './text-match';

/** What the search needs from the reader. */
export interface SearchHost {
  pdf(): PDFDocumentProxy | null;
  /** Page n's pdf.js text layer, if the page is drawn. */
  textLayer(n: number): TextLayer | null;
  renderedPages(): Iterable<number>;
  currentPage(): number;
  scrollToPage(n: number, behavior: ScrollBehavior): void;
}

/**
 * The reader's search (one per reader page): the query as typed (debounced), hits over every page's text (tone
 * marks and case ignored, see text-match.ts), next/previous, and the hits marked in the text layers of drawn pages.
 */
export class ReaderSearch {
  readonly query = signal('');
  readonly hits = signal<DocumentHit[]>([]);
  readonly hitIndex = signal(-1);
  readonly searching = signal(false);
  readonly searched = signal(false);
  readonly count = computed(() => {
    if (this.searching()) return this.i18n.t('reader.searching');
    if (!this.searched()) return '';
    const count = this.hits().length;
    return count ? this.i18n.t('reader.searchCount', { index: this.hitIndex() + 1, count }) : this.i18n.t('reader.searchNone');
  });

  private token = 0;
  /** The query last searched on this document (with pdf.js ready), so that a second start does not redo it. */
  private ranFor: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly texts = new Map<number, Promise<string[]>>();

  constructor(
    private readonly host: SearchHost,
    private readonly i18n: I18nService,
  ) {}

  onQuery(value: string): void {
    this.query.set(value);
    clearTimeout(this.timer);
    // Typed while pdf.js loaded, the query may have run meanwhile (start): running it again would send the hit
    // stepped to back to the first.
    this.timer = setTimeout(() => value.trim() !== this.ranFor && void this.run(value), 350);
  }

  searchNow(): void {
    clearTimeout(this.timer);
    if (this.searched() && this.hits().length) this.step(1);
    else void this.run(this.query());
  }

  clear(): void {
    clearTimeout(this.timer);
    this.query.set('');
    void this.run('');
  }

  /**
   * The document is ready: a search given in the link, or typed while it loaded, runs now, unless it already ran on
   * this document (typed just after pdf.js had it): then its hits, and the one stepped to, stay.
   */
  start(q: string | undefined): void {
    if (q && q.trim().length >= SEARCH_MIN_LENGTH) this.query.set(q);
    const query = this.query().trim();
    if (query.length < SEARCH_MIN_LENGTH || query === this.ranFor) return;
    // Runs now: the typed query's pending run is this one.
    clearTimeout(this.timer);
    void this.run(this.query());
  }

  /** Another document (or version): forget hits and page texts. */
  reset(): void {
    this.token++;
    this.ranFor = null;
    this.texts.clear();
    this.hits.set([]);
    this.hitIndex.set(-1);
    this.searched.set(false);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  step(delta: 1 | -1): void {
    const count = this.hits().length;
    if (count) this.select(stepHit(this.hitIndex(), count, delta));
  }

  private async run(raw: string): Promise<void> {
    const token = ++this.token;
    const q = raw.trim();
    const pdf = this.host.pdf();
    this.ranFor = pdf ? q : null;
    const before = this.hits();
    this.hits.set([]);
    this.hitIndex.set(-1);
    for (const h of new Set(before.map((b) => b.page))) this.paint(h);
    if (!pdf || q.length < SEARCH_MIN_LENGTH) {
      this.searched.set(false);
      this.searching.set(false);
      return;
    }
    this.searching.set(true);
    const found: DocumentHit[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const items = await this.pageText(pdf, n);
      if (token !== this.token) return;
      found.push(...pageHits(n, items, q));
    }
    this.hits.set(found);
    this.searching.set(false);
    this.searched.set(true);
    for (const n of this.host.renderedPages()) this.paint(n);
    if (found.length) this.select(firstHitFrom(found, this.host.currentPage()));
  }

  private pageText(pdf: PDFDocumentProxy, n: number): Promise<string[]> {
    let text = this.texts.get(n);
    if (!text) {
      text = pdf
        .getPage(n)
        .then((p) => p.getTextContent())
        .then((c) => c.items.filter((i): i is typeof i & { str: string } => 'str' in i).map((i) => i.str))
        .catch(() => []);
      this.texts.set(n, text);
    }
    return text;
  }

  private select(index: number): void {
    const previous = this.hits()[this.hitIndex()];
    this.hitIndex.set(index);
    const hit = this.hits()[index];
    if (previous && previous.page !== hit?.page) this.paint(previous.page);
    if (!hit) return;
    const mark = this.paint(hit.page);
    if (mark) mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
    else {
      this.host.scrollToPage(hit.page, 'auto');
      // The page draws once visible; paint then marks it. Bring the hit itself to the middle.
      setTimeout(() => this.paint(hit.page)?.scrollIntoView({ block: 'center' }), 400);
    }
  }

  /** (Re)marks the hits of page n in its text layer; returns the selected hit's element if it is there. */
  paint(n: number): HTMLElement | null {
    const layer = this.host.textLayer(n);
    if (!layer) return null;
    const divs = layer.textDivs;
    const strs = layer.textContentItemsStr;
    const hits = this.hits();
    const selected = hits[this.hitIndex()];
    const byItem = new Map<number, DocumentHit[]>();
    for (const h of hits) if (h.page === n) byItem.set(h.item, [...(byItem.get(h.item) ?? []), h]);
    let selectedEl: HTMLElement | null = null;
    divs.forEach((div, i) => {
      const str = strs[i] ?? '';
      const ranges = byItem.get(i);
      if (!ranges) {
        if (div.childElementCount) div.textContent = str;
        return;
      }
      const parts: (string | HTMLElement)[] = [];
      let at = 0;
      for (const r of ranges) {
        if (r.start > at) parts.push(str.slice(at, r.start));
        const mark = document.createElement('mark');
        mark.className = 'ph-hit';
        mark.textContent = str.slice(r.start, r.end);
        if (r === selected) {
          mark.classList.add('selected');
          selectedEl = mark;
        }
        parts.push(mark);
        at = r.end;
      }
      if (at < str.length) parts.push(str.slice(at));
      div.replaceChildren(...parts);
    });
    return selectedEl;
  }
}
