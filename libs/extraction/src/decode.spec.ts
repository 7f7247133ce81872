import { encode } from 'iconv-lite';
import { decodeDocument, detectCharset } from './decode';

describe('decodeDocument', () => {
  it('decodes by the meta charset of the page', () => {
    const bytes = encode(
      '<html><head><meta charset="windows-1251"></head><body><p>Привет</p></body></html>',
      'windows-1251',
    );
    expect(detectCharset(bytes)).toBe('windows-1251');
    expect(decodeDocument(bytes)).toContain('<p>Привет</p>');
  });

  it('prefers the BOM, then the Content-Type header', () => {
    expect(detectCharset(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'text/html; charset=iso-8859-1')).toBe('utf-8');
    expect(detectCharset(Buffer.from('abc'), 'text/html; charset=ISO-8859-1')).toBe('iso-8859-1');
    expect(decodeDocument(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
  });

  it('defaults to UTF-8 and ignores unknown or UTF-16 declarations in ASCII bytes', () => {
    expect(detectCharset(Buffer.from('<meta charset="no-such-charset">'))).toBe('utf-8');
    expect(detectCharset(Buffer.from('<meta charset="utf-16">'))).toBe('utf-8');
    expect(decodeDocument(Buffer.from('naïve café', 'utf8'))).toBe('naïve café');
  });

  it('reads valid multi-byte UTF-8 as UTF-8 whatever the meta tag declares (pages re-saved as UTF-8)', () => {
    const page = '<html><head><meta charset="gb2312"></head><body><p>人工智能迈上新台阶</p></body></html>';
    expect(decodeDocument(Buffer.from(page, 'utf8'))).toContain('<p>人工智能迈上新台阶</p>');
    expect(detectCharset(encode(page, 'gb2312'))).toBe('gb2312');
  });
});
