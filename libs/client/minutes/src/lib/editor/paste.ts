/**
 * Pasting into the minutes keeps the words and drops everything else: text from Word, a web page or an e-mail
 * arrives with fonts, colours, tables and links that the minutes (and their PDF) have no place for. The clipboard's
 * plain text is cut into paragraphs, one per line, and typed in as if by hand.
 */

// C0/C1 controls other than tab and newlines (a stray form feed from a PDF) cannot be printed.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufeff]/g;

/** The paragraphs of pasted plain text: one per non-blank line, spaces collapsed, NFC (composed tone marks). */
export function pastedParagraphs(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/[\t\u00a0 ]+/g, ' ').trim())
    .filter((line) => line !== '');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What to insert at the caret: plain text for a single line (it joins the current paragraph), else paragraphs. */
export type PasteInsert = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'html'; html: string };

export function pasteInsert(text: string): PasteInsert {
  const paragraphs = pastedParagraphs(text);
  if (paragraphs.length === 0) return { kind: 'none' };
  if (paragraphs.length === 1) return { kind: 'text', text: paragraphs[0] };
  return { kind: 'html', html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') };
}

/**
 * The text of clipboard HTML when no plain text came with it (rare: some apps put only HTML on the clipboard):
 * block ends become line breaks, tags go, the common entities are read back.
 */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head|template)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|blockquote|pre|section|article)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d{1,7});/g, (_, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : ''))
    .replace(/&amp;/g, '&');
}
