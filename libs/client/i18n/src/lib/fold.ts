const MARKS = /\p{M}/gu;

/**
 * Text without case and Vietnamese tone marks, for searching the way people type on a tablet: "hop" finds "họp",
 * "dang uy" finds "Đảng ủy" (đ is a letter of its own, not a marked d, so it is mapped by hand).
 */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/đ/g, 'd').normalize('NFC');
}

/** Whether every word of `query` occurs in one of `fields`, ignoring case and tone marks; an empty query matches. */
export function matchesFolded(query: string, fields: readonly (string | null | undefined)[]): boolean {
  const words = foldVietnamese(query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = foldVietnamese(fields.filter(Boolean).join('\n'));
  return words.every((w) => haystack.includes(w));
}
