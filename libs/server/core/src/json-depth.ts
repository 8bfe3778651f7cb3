import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The deepest JSON a request body may nest (objects and arrays). Real bodies stay far below it (an annotation's
 * points are about six levels down); thousands of levels would overflow the stack of the recursive code that reads
 * a body after parsing (class-transformer, class-validator), so such a body is refused before it is parsed.
 */
export const JSON_MAX_DEPTH = 64;

/** The `type` of the error a body nested deeper than allowed fails with (body-parser style, see the filter). */
export const BODY_TOO_DEEP_TYPE = 'entity.too.deep';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether JSON text nests objects/arrays deeper than `maxDepth`: one pass over the bytes, no allocation. Brackets
 * inside strings do not count. Works on UTF-8, whose multi-byte sequences never hold ASCII bytes; malformed JSON is
 * left for the parser to refuse.
 */
export function jsonNestingExceeds(bytes: Uint8Array, maxDepth = JSON_MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

function asUtf8(bytes: Buffer, encoding: string): Uint8Array {
  if (!encoding || /^utf-?8$/i.test(encoding)) return bytes;
  try {
    return Buffer.from(new TextDecoder(encoding).decode(bytes), 'utf8');
  } catch {
    return bytes;
  }
}

/**
 * A body-parser `verify` hook refusing bodies nested deeper than `maxDepth` before they are parsed. The error carries
 * status 400 and the type {@link BODY_TOO_DEEP_TYPE}, which the exception filter answers as BODY_TOO_DEEP.
 */
export function jsonDepthGuard(maxDepth = JSON_MAX_DEPTH): (req: IncomingMessage, res: ServerResponse, body: Buffer, encoding: string) => void {
  return (_req, _res, body, encoding) => {
    if (jsonNestingExceeds(asUtf8(body, encoding), maxDepth)) {
      throw Object.assign(new Error(`JSON nested deeper than ${maxDepth} levels`), { status: 400, statusCode: 400, expose: true, type: BODY_TOO_DEEP_TYPE });
    }
  };
}
