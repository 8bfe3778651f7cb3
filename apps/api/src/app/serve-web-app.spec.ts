import { createHash } from 'node:crypto';
import { inlineScriptHashes } from './serve-web-app';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes the exact text of each inline script, whitespace and non-ASCII included, and skips scripts with a src', () => {
    const first = "\n      if (location.pathname) { window.x = 'trang 1'; }\n    ";
    const second = 'console.log("Phòng họp")';
    const html = `<html><head><script>${first}</script><script src="main-ABCDEFGH.js" type="module"></script>
      <SCRIPT type="text/javascript">${second}</SCRIPT ></head><body><script></script></body></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha(first), sha(second)]);
  });

  it('gives nothing for a page without inline scripts', () => {
    expect(inlineScriptHashes('<html><head><script src="a.js"></script></head></html>')).toEqual([]);
  });
});
