import fc from 'fast-check';

/**
 * Hostile values for JSON bodies: wrong types, blank and huge strings, unicode that trips naive code (bidi controls,
 * NUL, astral characters, unnormalised text), numbers at and past the safe range, injection-looking text, deep and
 * wide nesting, prototype keys.
 */
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u202e\u2066gpj.exe',
  'Ba\u0301o ca\u0301o'.normalize('NFD'),
  '𝕿𝖍ử 🗳️ 👨‍👩‍👧',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  '2026-13-45T99:99:99Z',
  '9999-12-31T23:59:59.999Z',
  '-1',
  'NaN',
  'true',
  '__proto__',
  'constructor',
);

const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.1 + 0.2, 5e-324),
);

const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  nastyStrings,
  // Long: over every field's limit, under the 100 kB body limit; and past the body limit (413).
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'ữ'.repeat(n)),
  fc.constant('x'.repeat(150_000)),
);

/** One hostile JSON value, of any type (nested up to a few levels). */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    numbers,
    strings,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string(), nastyStrings), tie('value'), { maxKeys: 5 }),
    // Wide: a long array of something plausible (ids, numbers).
    fc.constantFrom(Array.from({ length: 5000 }, (_, i) => i), Array.from({ length: 2000 }, () => '00000000-0000-4000-8000-000000000000')),
    // Deep, but under the JSON depth guard (which has its own test): deep nesting must still be a clean answer.
    fc.integer({ min: 10, max: 60 }).map((d) => JSON.parse(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`) as unknown),
  ),
})).value;

/** Every path to a value inside a JSON value (`[]` is the value itself). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

function withValueAt(value: unknown, path: (string | number)[], replacement: unknown | typeof REMOVE): unknown {
  if (!path.length) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const next = withValueAt(copy[head], rest, replacement);
  if (next === undefined && !rest.length && replacement === REMOVE) delete copy[head];
  else copy[head] = next;
  return copy;
}
const REMOVE = Symbol('remove');

/**
 * Bodies for a route whose valid body is `valid`: that body with one to three places broken (a value replaced by
 * junk, a field removed, an unknown field added), or any JSON value at all, or text that is not JSON.
 */
export function hostileBodies(valid: unknown): fc.Arbitrary<{ json: unknown } | { raw: string }> {
  const places = paths(valid ?? {});
  const fields = places.filter((p) => p.length);
  type Edit = (body: unknown) => unknown;
  const edit = fc.oneof(
    fc.tuple(fc.constantFrom(...places), junkValue).map(([p, v]): Edit => (body) => withValueAt(body, p, v)),
    ...(fields.length ? [fc.constantFrom(...fields).map((p): Edit => (body) => withValueAt(body, p, REMOVE))] : []),
    fc.tuple(fc.oneof(fc.string({ minLength: 1 }), nastyStrings), junkValue).map(
      ([k, v]): Edit => (body) => (body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [k]: v } : body),
    ),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => ({ json: edits.reduce<unknown>((b, e) => e(b), valid ?? {}) })) },
    { weight: 2, arbitrary: junkValue.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,]', '{"a":1}}', "{'a':1}", '\u0000', 'null', '"chuỗi"', '1e999').map((raw) => ({ raw })) },
  );
}
