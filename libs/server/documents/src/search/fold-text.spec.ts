import { foldQuery, foldText, likeContains, snippetAround } from './fold-text';

describe('foldText', () => {
  it('drops case and Vietnamese tone marks, đ becomes d', () => {
    expect(foldText('NGÂN SÁCH Nhà nước; Đường bộ; ưu tiên; Phường')).toBe('ngan sach nha nuoc; duong bo; uu tien; phuong');
  });

  it('treats composed and decomposed input alike', () => {
    expect(foldText('Việt'.normalize('NFD'))).toBe(foldText('Việt'.normalize('NFC')));
  });

  it('collapses whitespace in queries', () => {
    expect(foldQuery('  Kinh   tế\n xã hội ')).toBe('kinh te xa hoi');
  });
});

describe('snippetAround', () => {
  it('cuts the original text around an accent-free match', () => {
    const text = 'Mở đầu. ' + 'x'.repeat(100) + ' Dự toán ngân sách năm 2027 được thông qua. ' + 'y'.repeat(100);
    const s = snippetAround(text, foldQuery('ngan sach'), 10);
    expect(s).toContain('ngân sách');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('likeContains', () => {
  it('escapes LIKE wildcards', () => {
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
