/**
 * A small, tolerant HTML tokenizer for the minutes editor's output. Node has no DOM, and the subset we keep is
 * tiny, so this reads only what the sanitizer needs: start/end tags (attributes are skipped, never returned),
 * text with character references decoded, and it swallows comments, doctypes and processing instructions.
 * It never throws: malformed input degrades to text, the way a browser treats it.
 */

export type HtmlToken =
  | { type: 'text'; text: string }
  | { type: 'start'; name: string; selfClosing: boolean }
  | { type: 'end'; name: string };

/** Elements whose content is raw text up to their end tag (script, style…): the content is dropped. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title']);

/**
 * Named references a browser's innerHTML or a paste from an office suite actually produces. The full HTML table
 * (2 000+ names) is not worth carrying: innerHTML itself only writes &amp; &lt; &gt; &nbsp; and &quot;. An
 * unknown name stays literal text, as in a browser.
 */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±',
  times: '×', divide: '÷', euro: '€', sect: '§', para: '¶', frac12: '½', frac14: '¼', frac34: '¾', ordm: 'º',
  ordf: 'ª', prime: '′', Prime: '″', minus: '−', le: '≤', ge: '≥', ne: '≠', thinsp: '\u2009', ensp: '\u2002',
  emsp: '\u2003', zwnj: '\u200c', zwj: '\u200d',
  // Latin-1 letters that occur in Vietnamese (others come as numeric references or raw UTF-8).
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Igrave: 'Ì',
  Iacute: 'Í', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ugrave: 'Ù', Uacute: 'Ú', Yacute: 'Ý',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', egrave: 'è', eacute: 'é', ecirc: 'ê', igrave: 'ì',
  iacute: 'í', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ugrave: 'ù', uacute: 'ú', yacute: 'ý',
};

/** Decodes character references the way HTML does for text: bad code points become U+FFFD, not errors. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (whole, dec, hex, name) => {
    if (name !== undefined) return Object.hasOwn(NAMED, name) && whole.endsWith(';') ? NAMED[name] : whole;
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(cp);
  });
}

const TAG_NAME_END = /[\s/>]/;

/** Splits `html` into tokens. Attribute values are parsed only to find where the tag ends (`title="a>b"`). */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let text = '';
  let i = 0;
  const flushText = () => {
    if (text) tokens.push({ type: 'text', text: decodeEntities(text) });
    text = '';
  };

  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    const next = html[lt + 1] ?? '';
    if (/[A-Za-z]/.test(next) || (next === '/' && /[A-Za-z]/.test(html[lt + 2] ?? ''))) {
      const tag = readTag(html, lt);
      if (!tag) break; // an unterminated tag at the end is dropped, as a browser does
      flushText();
      i = tag.end;
      if (tag.closing) {
        tokens.push({ type: 'end', name: tag.name });
        continue;
      }
      tokens.push({ type: 'start', name: tag.name, selfClosing: tag.selfClosing });
      if (tag.name === 'plaintext') break; // everything after <plaintext> is its (dropped) content
      if (RAW_TEXT.has(tag.name) && !tag.selfClosing) {
        i = skipRawText(html, i, tag.name);
        tokens.push({ type: 'end', name: tag.name });
      }
    } else if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
    } else if (next === '!' || next === '?' || next === '/') {
      // Doctype, CDATA, processing instruction or "</ >": a bogus comment up to the next ">".
      const close = html.indexOf('>', lt + 2);
      i = close < 0 ? html.length : close + 1;
    } else {
      text += '<'; // "a < b" is text
      i = lt + 1;
    }
  }
  flushText();
  return tokens;
}

function readTag(html: string, lt: number): { name: string; closing: boolean; selfClosing: boolean; end: number } | null {
  const closing = html[lt + 1] === '/';
  let i = lt + (closing ? 2 : 1);
  const nameStart = i;
  while (i < html.length && !TAG_NAME_END.test(html[i])) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  let selfClosing = false;
  // Skip attributes: names, "=", and quoted or bare values, until ">".
  while (i < html.length) {
    const c = html[i];
    if (c === '>') return { name, closing, selfClosing, end: i + 1 };
    if (c === '"' || c === "'") {
      const close = html.indexOf(c, i + 1);
      if (close < 0) return null;
      i = close + 1;
      continue;
    }
    selfClosing = c === '/' && html[i + 1] === '>';
    i++;
  }
  return null;
}

/** Index just past `</name…>`, or the end of the input when the element is never closed. */
function skipRawText(html: string, from: number, name: string): number {
  // A regex from `from` on, not a lower-cased copy of the whole input: many raw elements must stay linear.
  const end = new RegExp(`</${name}[\\s/>]`, 'gi');
  end.lastIndex = from;
  const at = end.exec(html);
  if (!at) return html.length;
  const close = html.indexOf('>', at.index);
  return close < 0 ? html.length : close + 1;
}
