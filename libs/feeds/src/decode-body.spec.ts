import iconv from 'iconv-lite';
import { charsetFromContentType, decodeBody } from './decode-body';

const bytes = (text: string, encoding: string) => new Uint8Array(iconv.encode(text, encoding));

describe('decodeBody', () => {
  it('defaults to UTF-8 for valid UTF-8 without any declaration', () => {
    expect(decodeBody(bytes('Tromsø — 東京', 'utf-8'))).toEqual({
      text: 'Tromsø — 東京',
      charset: 'utf-8',
      source: 'default',
    });
  });

  it('honours a UTF-8 BOM over a contradicting header, and strips it', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('Ünïcödé', 'utf-8')]);
    expect(decodeBody(body, 'text/xml; charset=iso-8859-1')).toEqual({
      text: 'Ünïcödé',
      charset: 'utf-8',
      source: 'bom',
    });
  });

  it('honours UTF-16 byte-order marks', () => {
    const le = new Uint8Array([0xff, 0xfe, ...bytes('<rss>Привет</rss>', 'utf-16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...bytes('<rss>Привет</rss>', 'utf-16be')]);
    expect(decodeBody(le)).toMatchObject({ text: '<rss>Привет</rss>', charset: 'utf-16le', source: 'bom' });
    expect(decodeBody(be)).toMatchObject({ text: '<rss>Привет</rss>', charset: 'utf-16be', source: 'bom' });
  });

  it('decodes a header-declared iso-8859-1 as windows-1252 (WHATWG), keeping curly quotes and the euro sign', () => {
    const body = bytes('“Café” costs 5 €', 'windows-1252');
    expect(decodeBody(body, 'text/html; charset="ISO-8859-1"')).toEqual({
      text: '“Café” costs 5 €',
      charset: 'windows-1252',
      source: 'header',
    });
  });

  it('prefers the Content-Type header over the XML declaration', () => {
    const body = bytes('<?xml version="1.0" encoding="utf-8"?><rss>Москва</rss>', 'windows-1251');
    expect(decodeBody(body, 'application/rss+xml; charset=windows-1251')).toMatchObject({
      text: '<?xml version="1.0" encoding="utf-8"?><rss>Москва</rss>',
      source: 'header',
    });
  });

  it.each([
    ['windows-1251', 'Новости дня: Москва'],
    ['shift_jis', 'ニュース速報：東京'],
    ['euc-jp', '天気予報：大阪'],
    ['gb18030', '新闻：北京 𠀀'],
    ['iso-8859-2', 'Zażółć gęślą jaźń'],
  ])('uses the XML declaration for %s', (encoding, words) => {
    const xml = `<?xml version="1.0" encoding="${encoding.toUpperCase()}"?><rss><title>${words}</title></rss>`;
    expect(decodeBody(bytes(xml, encoding), 'application/xml')).toEqual({
      text: xml,
      charset: encoding,
      source: 'xml-declaration',
    });
  });

  it('uses <meta charset> in HTML', () => {
    const html = '<html><head><meta charset="Shift_JIS"><title>速報</title></head></html>';
    expect(decodeBody(bytes(html, 'shift_jis'), 'text/html')).toEqual({
      text: html,
      charset: 'shift_jis',
      source: 'meta',
    });
  });

  it('uses <meta http-equiv="Content-Type"> in HTML', () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>新闻</title></head></html>';
    expect(decodeBody(bytes(html, 'gbk'))).toEqual({ text: html, charset: 'gbk', source: 'meta' });
  });

  it('ignores an unknown header label and falls through to the next source', () => {
    const html = '<meta charset="windows-1251">Привет';
    expect(decodeBody(bytes(html, 'windows-1251'), 'text/html; charset=x-unknown-42')).toMatchObject({
      text: html,
      source: 'meta',
    });
  });

  it('reads a UTF-16 declaration found in ASCII-compatible bytes as UTF-8', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><rss>é</rss>';
    expect(decodeBody(bytes(xml, 'utf-8'))).toEqual({ text: xml, charset: 'utf-8', source: 'xml-declaration' });
  });

  it('sniffs windows-1252 when undeclared bytes are not valid UTF-8', () => {
    expect(decodeBody(bytes('Crème brûlée', 'windows-1252'))).toEqual({
      text: 'Crème brûlée',
      charset: 'windows-1252',
      source: 'sniffed',
    });
  });

  it('sniffs UTF-16 without a BOM from the zero bytes around "<"', () => {
    expect(decodeBody(bytes('<?xml version="1.0"?><rss/>', 'utf-16le'))).toMatchObject({
      text: '<?xml version="1.0"?><rss/>',
      charset: 'utf-16le',
      source: 'sniffed',
    });
  });

  it('charsetFromContentType reads quoted and unquoted parameters', () => {
    expect(charsetFromContentType('text/html; charset=UTF-8')).toBe('UTF-8');
    expect(charsetFromContentType('text/html;charset="koi8-r"; foo=bar')).toBe('koi8-r');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });
});
