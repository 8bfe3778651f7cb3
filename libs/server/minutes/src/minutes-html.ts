import { tokenizeHtml } from './html-tokens';

/**
 * The minutes body is typed in the browser (contenteditable), so it arrives as arbitrary HTML. We keep a small
 * subset that both the web page and the PDF renderer understand, rebuilt from scratch: nothing of the input is
 * copied through except text, so no attribute, handler, style or URL can survive.
 *
 * Kept: p, h3, ul, ol, li, strong, em, u, br. `b`/`i` become `strong`/`em`; h1–h6 become h3; div and other
 * block containers (what Chrome's contenteditable writes for a new line) become paragraphs. script, style,
 * iframe, svg, math, template… are dropped with their content; any other tag is unwrapped, keeping its text.
 */

export const MINUTES_HTML_MAX_CHARS = 200_000;

/** Thrown for input over MINUTES_HTML_MAX_CHARS; the API maps it to a validation error on the field. */
export class MinutesHtmlTooLargeError extends Error {
  readonly code = 'MINUTES_HTML_TOO_LARGE';
  constructor(
    readonly length: number,
    readonly limit = MINUTES_HTML_MAX_CHARS,
  ) {
    super(`Nội dung biên bản quá dài (${length} > ${limit} ký tự) / minutes text too long (${length} > ${limit} characters)`);
    this.name = 'MinutesHtmlTooLargeError';
  }
}

export interface MinutesRun {
  /** Text with whitespace collapsed; a line break (from `<br>`) is a run whose text is exactly "\n". */
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface MinutesBlock {
  kind: 'paragraph' | 'heading' | 'bullet' | 'numbered';
  runs: MinutesRun[];
  /** Nesting depth of a list item (0 = top level); on a paragraph, text that continues a list item. */
  level?: number;
  /** 1-based position of a numbered item within its list. */
  ordinal?: number;
}

type InlineTag = 'strong' | 'em' | 'u';
type Tag = '#root' | 'p' | 'h3' | 'ul' | 'ol' | 'li' | 'br' | InlineTag;
interface El {
  tag: Tag;
  children: (El | string)[];
  /** A repeated `<b>` inside `<b>`: kept on the stack so its end tag matches, but never put in the tree. */
  transparent?: boolean;
}

const RENAME: Record<string, Tag> = { b: 'strong', strong: 'strong', i: 'em', em: 'em', u: 'u', ins: 'u', ul: 'ul', ol: 'ol', li: 'li', br: 'br' };
for (const h of ['p', 'h3', 'div', 'blockquote', 'section', 'article', 'header', 'footer', 'main', 'aside', 'address', 'pre', 'figure', 'figcaption', 'dt', 'dd', 'tr', 'center']) {
  RENAME[h] = 'p';
}
for (const h of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) RENAME[h] = 'h3';

/** Dropped together with everything inside them (raw-text elements are already emptied by the tokenizer). */
const DROP_WITH_CONTENT = new Set(['head', 'object', 'applet', 'svg', 'math', 'template', 'select', 'canvas', 'audio', 'video', 'frameset', 'button']);
const INLINE = new Set<Tag>(['strong', 'em', 'u']);
const LIST = new Set<Tag>(['ul', 'ol']);
/** Deeper lists are flattened into their parent: bounds recursion and no real minutes nest further. */
const MAX_LIST_DEPTH = 6;
const MAX_OPEN = 32;
// C0/C1 controls other than tab and newlines cannot be printed and would confuse the PDF text layer.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function checkSize(html: string): void {
  if (html.length > MINUTES_HTML_MAX_CHARS) throw new MinutesHtmlTooLargeError(html.length);
}

/** Builds the kept subset as a tree, closing and opening elements the way a forgiving browser would. */
function buildTree(html: string): El {
  const root: El = { tag: '#root', children: [] };
  const open: El[] = [root];
  let dropping: { name: string; depth: number } | null = null;
  let ignoredLists = 0;

  const top = () => open[open.length - 1];
  /** Where new content goes: the innermost element that is really in the tree. */
  const target = () => open.findLast((el) => !el.transparent) ?? root;
  const push = (el: El) => {
    if (!el.transparent) target().children.push(el);
    open.push(el);
  };
  const closeTextBlock = () => {
    while (INLINE.has(top().tag) || top().tag === 'p' || top().tag === 'h3') open.pop();
  };
  /** Inline content needs a paragraph (at the root) or an item (directly in a list). */
  const ensureTextContainer = () => {
    if (top().tag === '#root') push({ tag: 'p', children: [] });
    else if (LIST.has(top().tag)) push({ tag: 'li', children: [] });
  };
  /** Pops up to and including the innermost element matching `match`, if one is open below a `stop` element. */
  const closeTo = (match: (t: Tag) => boolean, stop: (t: Tag) => boolean) => {
    for (let k = open.length - 1; k > 0; k--) {
      if (match(open[k].tag)) {
        open.length = k;
        return;
      }
      if (stop(open[k].tag)) return;
    }
  };

  for (const token of tokenizeHtml(html)) {
    if (dropping) {
      if (token.type !== 'text' && token.name === dropping.name) {
        if (token.type === 'end') dropping.depth--;
        else if (!token.selfClosing) dropping.depth++;
        if (dropping.depth === 0) dropping = null;
      }
      continue;
    }
    if (token.type === 'text') {
      const text = token.text.replace(CONTROL, '').normalize('NFC');
      if (!text || ((top().tag === '#root' || LIST.has(top().tag)) && !text.trim())) continue;
      ensureTextContainer();
      const into = target().children;
      if (typeof into[into.length - 1] === 'string') into[into.length - 1] += text;
      else into.push(text);
      continue;
    }
    if (token.type === 'start' && DROP_WITH_CONTENT.has(token.name)) {
      if (!token.selfClosing) dropping = { name: token.name, depth: 1 };
      continue;
    }
    const tag = RENAME[token.name];
    if (token.type === 'end') {
      if (!tag) continue;
      if (INLINE.has(tag)) closeTo((t) => t === tag, (t) => !INLINE.has(t));
      else if (tag === 'p' || tag === 'h3') closeTo((t) => t === 'p' || t === 'h3', (t) => t === 'li' || LIST.has(t));
      else if (tag === 'li') closeTo((t) => t === 'li', (t) => LIST.has(t));
      else if (LIST.has(tag)) {
        if (ignoredLists > 0) ignoredLists--;
        else closeTo((t) => LIST.has(t), () => false);
      }
      continue;
    }
    if (token.name === 'hr') closeTextBlock();
    // Table cells run together on one line; a space keeps their words apart.
    if ((token.name === 'td' || token.name === 'th') && top().tag !== '#root' && !LIST.has(top().tag)) target().children.push(' ');
    if (!tag) continue;
    if (tag === 'br') {
      ensureTextContainer();
      target().children.push({ tag: 'br', children: [] });
    } else if (INLINE.has(tag)) {
      if (open.length >= MAX_OPEN) continue; // `<b>` × 50 000 must not make every step walk the stack
      ensureTextContainer();
      push({ tag, children: [], transparent: open.some((el) => el.tag === tag) || undefined });
    } else if (tag === 'p' || tag === 'h3') {
      closeTextBlock();
      if (LIST.has(top().tag)) push({ tag: 'li', children: [] });
      if (top().tag === 'li') {
        // A paragraph inside an item continues the item on a new line.
        if (top().children.length > 0) top().children.push({ tag: 'br', children: [] });
      } else push({ tag, children: [] });
    } else if (LIST.has(tag)) {
      if (open.filter((el) => LIST.has(el.tag)).length >= MAX_LIST_DEPTH) {
        ignoredLists++;
        continue;
      }
      closeTextBlock();
      if (LIST.has(top().tag)) {
        // `<ul><li>a</li><ul>…</ul></ul>` (what execCommand('indent') writes): nest into the previous item.
        const last = top().children[top().children.length - 1];
        if (typeof last === 'object' && last.tag === 'li') open.push(last);
        else push({ tag: 'li', children: [] });
      }
      push({ tag, children: [] });
    } else if (tag === 'li') {
      closeTextBlock();
      while (top().tag !== '#root' && !LIST.has(top().tag)) open.pop();
      if (top().tag === '#root') push({ tag: 'ul', children: [] });
      push({ tag: 'li', children: [] });
    }
  }
  return root;
}

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');

function serialize(el: El): string {
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialize(c))).join('');
  if (el.tag === '#root') return inner;
  if (el.tag === 'br') return '<br>';
  // Empty elements carry nothing; `<p><br></p>` (an empty line the author typed) is kept.
  if (!inner) return '';
  return `<${el.tag}>${inner}</${el.tag}>`;
}

/** Returns the kept subset of `html` as HTML; safe to store and to show with innerHTML. */
export function sanitizeMinutesHtml(html: string): string {
  checkSize(html);
  return serialize(buildTree(html));
}

/** Reads (untrusted) minutes HTML into the blocks the PDF renderer lays out. */
export function parseMinutesHtml(html: string): MinutesBlock[] {
  checkSize(html);
  const blocks: MinutesBlock[] = [];
  const emit = (block: MinutesBlock) => {
    const runs = tidyRuns(block.runs);
    if (runs.length > 0) blocks.push({ ...block, runs });
  };
  const walkList = (list: El, level: number) => {
    const kind = list.tag === 'ol' ? 'numbered' : 'bullet';
    let ordinal = 0;
    for (const li of list.children) {
      if (typeof li === 'string' || li.tag !== 'li') continue;
      ordinal++;
      let runs: MinutesRun[] = [];
      let first = true;
      const flush = () => {
        if (first) emit({ kind, runs, level, ...(kind === 'numbered' ? { ordinal } : {}) });
        else emit({ kind: 'paragraph', runs, level: level + 1 });
        runs = [];
        first = false;
      };
      for (const child of li.children) {
        if (typeof child === 'object' && LIST.has(child.tag)) {
          flush();
          walkList(child, level + 1);
        } else collectRuns(child, {}, runs);
      }
      if (runs.length > 0 || first) flush();
    }
  };
  for (const el of buildTree(html).children) {
    if (typeof el === 'string') continue;
    if (LIST.has(el.tag)) walkList(el, 0);
    else {
      const runs: MinutesRun[] = [];
      el.children.forEach((c) => collectRuns(c, {}, runs));
      emit({ kind: el.tag === 'h3' ? 'heading' : 'paragraph', runs });
    }
  }
  return blocks;
}

type Style = Pick<MinutesRun, 'bold' | 'italic' | 'underline'>;

function collectRuns(node: El | string, style: Style, out: MinutesRun[]): void {
  if (typeof node === 'string') {
    out.push({ text: node, ...style });
    return;
  }
  if (node.tag === 'br') {
    out.push({ text: '\n' });
    return;
  }
  const inner: Style = { ...style };
  if (node.tag === 'strong') inner.bold = true;
  if (node.tag === 'em') inner.italic = true;
  if (node.tag === 'u') inner.underline = true;
  node.children.forEach((c) => collectRuns(c, inner, out));
}

const sameStyle = (a: MinutesRun, b: MinutesRun) => !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline;

/**
 * Collapses whitespace as a browser shows it (no-break spaces too: the editor writes them for repeated
 * spaces), drops spaces at line ends and invisible characters the font cannot draw, and merges equal runs.
 */
function tidyRuns(runs: MinutesRun[]): MinutesRun[] {
  const out: MinutesRun[] = [];
  let lineStart = true;
  let spaceBefore = false;
  const trimEnd = () => {
    const last = out[out.length - 1];
    if (last && last.text !== '\n') last.text = last.text.replace(/ $/, '');
    if (last && !last.text) out.pop();
  };
  for (const run of runs) {
    if (run.text === '\n') {
      trimEnd();
      out.push({ text: '\n' });
      lineStart = true;
      continue;
    }
    let text = run.text.replace(/[\u00ad\u200b\ufeff]/g, '').replace(/\s+/g, ' ');
    if (lineStart || spaceBefore) text = text.replace(/^ /, '');
    if (!text) continue;
    lineStart = false;
    spaceBefore = text.endsWith(' ');
    const last = out[out.length - 1];
    if (last && last.text !== '\n' && sameStyle(last, run)) last.text += text;
    else out.push({ ...run, text });
  }
  trimEnd();
  while (out[0]?.text === '\n') out.shift();
  while (out[out.length - 1]?.text === '\n') out.pop();
  return out.some((r) => r.text.trim()) ? out : [];
}
