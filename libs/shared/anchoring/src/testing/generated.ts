import { REPORT } from './bao-cao';

/** A long document made up for the bounded-cost spec, drawn by a seeded generator so every run is the same. */

/** xorshift32: a small seeded generator, good enough to vary test text. */
export function seeded(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * Sentences of 10 to 24 words drawn at random from the vocabulary of the report in `bao-cao.ts`, with amounts and
 * percentages: administrative words, no grammar. Two such sentences are never near copies of each other, so a
 * highlight on a deleted one has nowhere to go (near copies are the subject of other specs).
 */
export function sentenceMaker(random: () => number): () => string {
  const vocabulary = [...new Set(REPORT.flat().join(' ').replace(/[.,;:()]/g, ' ').split(/\s+/).filter((w) => w.length > 0 && !/\d/.test(w)))];
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const word = (): string => {
    const r = random();
    if (r < 0.06) return `${int(1, 999)}.${String(int(0, 999)).padStart(3, '0')} tỷ đồng`;
    if (r < 0.1) return `${int(1, 99)},${int(0, 9)}%`;
    return vocabulary[int(0, vocabulary.length - 1)] ?? 'và';
  };
  return () => {
    const words = Array.from({ length: int(10, 24) }, word);
    const first = words[0] ?? '';
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${words.join(' ')}${random() < 0.3 ? ',' : ''} ${word()}.`;
  };
}
