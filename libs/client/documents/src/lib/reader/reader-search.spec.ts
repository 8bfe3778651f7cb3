import type { I18nService } from '@phonghop/client-i18n';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { ReaderSearch, type SearchHost } from './reader-search';

/** Two pages of text; "ngân sách" three times. */
const PAGES = [['Báo cáo ngân sách năm 2026', 'thu ngân sách'], ['chi ngân sách địa phương']];

function reader(): { search: ReaderSearch; host: SearchHost & { loaded: PDFDocumentProxy | null } } {
  const pdf = {
    numPages: PAGES.length,
    getPage: async (n: number) => ({ getTextContent: async () => ({ items: PAGES[n - 1].map((str) => ({ str })) }) }),
  } as unknown as PDFDocumentProxy;
  const host = {
    loaded: null as PDFDocumentProxy | null,
    pdf: () => host.loaded,
    textLayer: () => null,
    renderedPages: () => [],
    currentPage: () => 1,
    scrollToPage: () => undefined,
    ready: pdf,
  };
  const i18n = { t: (key: string, p?: { index: number; count: number }) => (p ? `${p.index}/${p.count}` : key) } as unknown as I18nService;
  return { search: new ReaderSearch(host, i18n), host };
}

describe('the reader’s search', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('typed while pdf.js loads, runs once the document is ready, and the hit stepped to stays', async () => {
    const { search, host } = reader();
    search.onQuery('ngan sach');
    // pdf.js has the document before the typing's pause is over: the reader's start runs the query.
    host.loaded = (host as unknown as { ready: PDFDocumentProxy }).ready;
    search.start(undefined);
    await jest.advanceTimersByTimeAsync(0);
    expect(search.count()).toBe('1/3');
    search.step(1);
    expect(search.count()).toBe('2/3');
    // The typing's own run would have sent it back to 1/3.
    await jest.advanceTimersByTimeAsync(1000);
    expect(search.count()).toBe('2/3');
  });

  it('a new query typed after that runs after the pause', async () => {
    const { search, host } = reader();
    host.loaded = (host as unknown as { ready: PDFDocumentProxy }).ready;
    search.onQuery('ngan sach');
    await jest.advanceTimersByTimeAsync(400);
    expect(search.count()).toBe('1/3');
    search.onQuery('dia phuong');
    await jest.advanceTimersByTimeAsync(400);
    expect(search.count()).toBe('1/1');
  });
});
