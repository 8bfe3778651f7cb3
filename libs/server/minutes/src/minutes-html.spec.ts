import { MINUTES_HTML_MAX_CHARS, MinutesHtmlTooLargeError, parseMinutesHtml, sanitizeMinutesHtml } from './minutes-html';

describe('sanitizeMinutesHtml', () => {
  it('keeps the allowed subset and drops every attribute', () => {
    const html =
      '<p class="x" style="color:red" onclick="alert(1)">Ý kiến <strong data-a="1">đồng chí</strong> <em>Giám đốc</em> <u>Sở</u></p>' +
      '<h3 id="h">Nội dung 1</h3><ul><li title="t">Một</li></ul><ol><li>Hai<br/>dòng</li></ol>';
    expect(sanitizeMinutesHtml(html)).toBe(
      '<p>Ý kiến <strong>đồng chí</strong> <em>Giám đốc</em> <u>Sở</u></p><h3>Nội dung 1</h3><ul><li>Một</li></ul><ol><li>Hai<br>dòng</li></ol>',
    );
  });

  it('drops scripts, styles, frames and embedded SVG together with their content', () => {
    const html =
      '<p>Trước<script>alert("x")</script> sau</p><style>p{color:red}</style><iframe src="//evil">nội dung</iframe>' +
      '<svg onload="alert(1)"><svg><text>ẩn</text></svg><p>ẩn nữa</p></svg><SCRIPT type="module">x</SCRIPT >' +
      '<p>Cuối <img src=x onerror=alert(1)><a href="javascript:alert(1)">liên kết</a></p>';
    expect(sanitizeMinutesHtml(html)).toBe('<p>Trước sau</p><p>Cuối liên kết</p>');
  });

  it('does not end a tag at a ">" inside a quoted attribute', () => {
    expect(sanitizeMinutesHtml('<p title="a>b" onmouseover=\'x>y\'>Văn bản</p>')).toBe('<p>Văn bản</p>');
  });

  it('normalises b and i, headings and the div lines Chrome writes', () => {
    expect(sanitizeMinutesHtml('<h1>Tiêu đề</h1><div><b>Đậm</b> và <i>nghiêng</i></div><div><br></div><div>Dòng hai</div>')).toBe(
      '<h3>Tiêu đề</h3><p><strong>Đậm</strong> và <em>nghiêng</em></p><p><br></p><p>Dòng hai</p>',
    );
  });

  it('unwraps unknown tags but keeps their text', () => {
    expect(sanitizeMinutesHtml('<p><span style="x">Ủy ban <font color=red>nhân dân</font></span> <blink>tỉnh</blink></p>')).toBe(
      '<p>Ủy ban nhân dân tỉnh</p>',
    );
    expect(sanitizeMinutesHtml('Chữ rời <b>đậm</b><custom-el>tùy biến</custom-el>')).toBe('<p>Chữ rời <strong>đậm</strong>tùy biến</p>');
  });

  it('decodes character references and encodes text safely', () => {
    expect(sanitizeMinutesHtml('<p>a &lt;b&gt; &amp;amp; &#7911;y &#x1EE6;Y&nbsp;&nbsp;x &ndash; &unknown; &#0; 5 < 6</p>')).toBe(
      '<p>a &lt;b&gt; &amp;amp; ủy ỦY&nbsp;&nbsp;x – &amp;unknown; \ufffd 5 &lt; 6</p>',
    );
    expect(sanitizeMinutesHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('stores Vietnamese text composed (NFC), whatever the keyboard sent', () => {
    const decomposed = 'Ủy ban'.normalize('NFD');
    expect(sanitizeMinutesHtml(`<p>${decomposed}</p>`)).toBe('<p>Ủy ban</p>');
  });

  it('nests lists, also the indent form execCommand writes and unclosed items', () => {
    expect(sanitizeMinutesHtml('<ul><li>Một<ul><li>Một a</li></ul></li><li>Hai</li></ul>')).toBe(
      '<ul><li>Một<ul><li>Một a</li></ul></li><li>Hai</li></ul>',
    );
    expect(sanitizeMinutesHtml('<ul><li>Một</li><ol><li>Một a<li>Một b</ol><li>Hai</ul>')).toBe(
      '<ul><li>Một<ol><li>Một a</li><li>Một b</li></ol></li><li>Hai</li></ul>',
    );
    // A paragraph inside an item becomes a line break; a loose item gets a list.
    expect(sanitizeMinutesHtml('<ol><li><p>a</p><p>b</p></li></ol><li>c</li>')).toBe('<ol><li>a<br>b</li></ol><ul><li>c</li></ul>');
  });

  it('closes what the input left open and ignores stray end tags', () => {
    expect(sanitizeMinutesHtml('<p><b>đậm <i>cả hai</b> thường</i></p></li></ul><p>x')).toBe(
      '<p><strong>đậm <em>cả hai</em></strong> thường</p><p>x</p>',
    );
  });

  it('is idempotent', () => {
    const once = sanitizeMinutesHtml('<div>a<ul><li>b<ol><li>c</ol>d</li></ul><b><b>e</b>f</b>&nbsp;</div><p><br></p>');
    expect(sanitizeMinutesHtml(once)).toBe(once);
  });

  it('refuses input over the size limit with a typed error', () => {
    const big = `<p>${'a'.repeat(MINUTES_HTML_MAX_CHARS)}</p>`;
    expect(() => sanitizeMinutesHtml(big)).toThrow(MinutesHtmlTooLargeError);
    expect(() => parseMinutesHtml(big)).toThrow(expect.objectContaining({ code: 'MINUTES_HTML_TOO_LARGE' }));
    expect(sanitizeMinutesHtml('a'.repeat(MINUTES_HTML_MAX_CHARS))).toHaveLength(MINUTES_HTML_MAX_CHARS + 7);
  });

  it('stays fast on pathological nesting', () => {
    const started = performance.now();
    const html = '<b><i>'.repeat(30_000) + '<script>'.repeat(1000) + '<ul>'.repeat(10_000);
    expect(sanitizeMinutesHtml(html.slice(0, MINUTES_HTML_MAX_CHARS))).toBe('');
    // Linear work: a quadratic pass over 200 000 characters would take tens of seconds.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('parseMinutesHtml', () => {
  it('turns paragraphs, headings and lists into styled blocks', () => {
    const blocks = parseMinutesHtml(
      '<h3>I. Nội dung</h3><p>  Đồng chí <b>Trần  Văn Nam</b>&nbsp;kết luận:<br> <i>thống nhất</i> </p>' +
        '<ol><li>Giao <u>Sở Tài chính</u><ul><li>chủ trì</li></ul></li><li>Hai</li></ol><p> </p>',
    );
    expect(blocks).toEqual([
      { kind: 'heading', runs: [{ text: 'I. Nội dung' }] },
      {
        kind: 'paragraph',
        runs: [{ text: 'Đồng chí ' }, { text: 'Trần Văn Nam', bold: true }, { text: ' kết luận:' }, { text: '\n' }, { text: 'thống nhất', italic: true }],
      },
      { kind: 'numbered', level: 0, ordinal: 1, runs: [{ text: 'Giao ' }, { text: 'Sở Tài chính', underline: true }] },
      { kind: 'bullet', level: 1, runs: [{ text: 'chủ trì' }] },
      { kind: 'numbered', level: 0, ordinal: 2, runs: [{ text: 'Hai' }] },
    ]);
  });

  it('never lets markup through as text or style', () => {
    const blocks = parseMinutesHtml('<p onclick="x">a<script>b</script><style>.c{}</style>d</p>');
    expect(blocks).toEqual([{ kind: 'paragraph', runs: [{ text: 'ad' }] }]);
  });
});
