import type { PageRange, PageText } from '../document';

/**
 * The specs' oracle: where a string is in a set of pages, found by a regular expression in which any white space
 * matches any white space, written in the pages' Unicode form. Independent of the library's match form.
 */
function pattern(s: string, form: 'NFC' | 'NFD'): RegExp {
  const words = s
    .normalize(form)
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(words.join('\\s+'), 'gu');
}

/** The one place of `needle` within one page. */
export function locate(pages: readonly PageText[], needle: string, form: 'NFC' | 'NFD' = 'NFC'): PageRange {
  const re = pattern(needle, form);
  const found = pages.flatMap((p) => [...p.text.matchAll(re)].map((m) => ({ page: p.page, start: m.index, end: m.index + m[0].length })));
  if (found.length !== 1) throw new Error(`"${needle}" is found ${found.length} times`);
  return found[0] as PageRange;
}

const joinedCache = new WeakMap<readonly PageText[], string>();

/**
 * Where `needle` (or, when given, `part` inside the one occurrence of `needle`) is, as one range per page it
 * covers (a pagination may cut it), each trimmed of the white space at its ends.
 */
export function locateAcross(pages: readonly PageText[], needle: string, form: 'NFC' | 'NFD' = 'NFC', part?: string): PageRange[] {
  let joined = joinedCache.get(pages);
  if (joined === undefined) joinedCache.set(pages, (joined = pages.map((p) => p.text).join('\n')));
  const found = [...joined.matchAll(pattern(needle, form))];
  if (found.length !== 1 || found[0] === undefined) throw new Error(`"${needle}" is found ${found.length} times`);
  let start = found[0].index;
  let end = start + found[0][0].length;
  if (part !== undefined) {
    const inner = pattern(part, form).exec(found[0][0]);
    if (inner === null) throw new Error(`"${part}" is not in "${needle}"`);
    start += inner.index;
    end = start + inner[0].length;
  }
  const out: PageRange[] = [];
  let offset = 0;
  for (const p of pages) {
    const s = Math.max(start, offset);
    const e = Math.min(end, offset + p.text.length);
    if (e > s) {
      const piece = p.text.slice(s - offset, e - offset);
      const lead = piece.length - piece.trimStart().length;
      const trail = piece.length - piece.trimEnd().length;
      out.push({ page: p.page, start: s - offset + lead, end: e - offset - trail });
    }
    offset += p.text.length + 1;
    if (offset > end) break;
  }
  return out;
}
