const MARKS = /\p{M}/gu;

/** One character without case and tone marks: "Ệ" → "e", "đ" → "d", "ư" → "u". */
function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/đ/g, 'd');
}

/**
 * Folds text for accent-insensitive search, the way Vietnamese users often type ("ngan sach" for "ngân sách").
 * Also returns, for each folded character, the index of the character it came from in the (NFC) input, so a
 * match found in folded text can be cut out of the original for a snippet.
 */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
  const nfc = text.normalize('NFC');
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of nfc) {
    const f = foldChar(ch);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  return { folded, origin };
}

export function foldText(text: string): string {
  return foldWithMap(text).folded;
}

/** Whitespace runs become one space, so a query matches across line breaks. */
export function foldQuery(q: string): string {
  return foldText(q).replace(/\s+/g, ' ').trim();
}

/** The stored searchable form of a page: folded, whitespace collapsed the same way as queries. */
export function foldPage(text: string): string {
  return foldText(text).replace(/\s+/g, ' ');
}

/** A snippet of about `radius` characters either side of the first match of `foldedQuery` in `text`. */
export function snippetAround(text: string, foldedQuery: string, radius = 60): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ');
  const { folded, origin } = foldWithMap(flat);
  const at = folded.indexOf(foldedQuery);
  if (at < 0) return flat.slice(0, radius * 2).trim();
  const start = origin[at];
  const endIdx = Math.min(at + foldedQuery.length, origin.length) - 1;
  const end = origin[endIdx] + 1;
  const from = Math.max(0, start - radius);
  const to = Math.min(flat.length, end + radius);
  return `${from > 0 ? '…' : ''}${flat.slice(from, to).trim()}${to < flat.length ? '…' : ''}`;
}

/** Escapes LIKE wildcards; the query uses ESCAPE '\'. */
export function likeContains(foldedQuery: string): string {
  return `%${foldedQuery.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
