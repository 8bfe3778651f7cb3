import { escapeHtml, htmlToPlainText, pastedParagraphs, pasteInsert } from './paste';

describe('paste cleaner', () => {
  it('keeps one paragraph per non-blank line, spaces collapsed', () => {
    const text = 'Kết luận của Chủ tọa:\r\n\r\n  Giao   Sở Tài chính\thoàn chỉnh dự toán.\r\n\u00a0\nĐồng ý.';
    expect(pastedParagraphs(text)).toEqual(['Kết luận của Chủ tọa:', 'Giao Sở Tài chính hoàn chỉnh dự toán.', 'Đồng ý.']);
  });

  it('composes decomposed tone marks (NFC), as the server and the PDF expect', () => {
    const decomposed = 'Chu\u0309 to\u0323a';
    expect(pastedParagraphs(decomposed)).toEqual(['Chủ tọa']);
    expect(pastedParagraphs(decomposed)[0].length).toBe(7);
  });

  it('drops control and zero-width characters, and reads old Mac and Unicode line ends', () => {
    expect(pastedParagraphs('a\u0000b\u200b\u000cc\rd\u2029e')).toEqual(['abc', 'd', 'e']);
  });

  it('types a single line as text, several as escaped paragraphs, nothing as nothing', () => {
    expect(pasteInsert('  \n \n')).toEqual({ kind: 'none' });
    expect(pasteInsert('Đồng ý <b>')).toEqual({ kind: 'text', text: 'Đồng ý <b>' });
    expect(pasteInsert('Dòng 1 & 2\n<script>x</script>')).toEqual({ kind: 'html', html: '<p>Dòng 1 &amp; 2</p><p>&lt;script&gt;x&lt;/script&gt;</p>' });
  });

  it('reads text out of clipboard HTML when no plain text came with it', () => {
    const html = '<html><head><style>p{color:red}</style></head><body><p class="MsoNormal"><b>Biên bản</b></p><div>Số&nbsp;12 &amp; 13<br>dòng hai</div><script>alert(1)</script>&#7853;</body></html>';
    expect(pastedParagraphs(htmlToPlainText(html))).toEqual(['Biên bản', 'Số 12 & 13', 'dòng hai', 'ậ']);
    expect(htmlToPlainText('&#9999999;x')).toBe('x');
  });

  it('escapes what HTML would read as markup', () => {
    expect(escapeHtml('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
  });
});
