import { readZipEntry } from './zip-entry';

// Written by Python's zipfile: one stored entry, one deflated, and an archive comment after the directory.
const ZIP = Buffer.from(
  'UEsDBBQAAAAAAAAAIQDLr1xxCwAAAAsAAAAMAAAAYS9zdG9yZWQudHh0cGxhaW4gYnl0ZXNQSwMEFAAAAAgAAAAhANi+2wAOAAAAtAAAAA4AAABiL2Rl' +
    'ZmxhdGVkLnR4dCsuLE1NrUpNUSgeOgwAUEsBAhQDFAAAAAAAAAAhAMuvXHELAAAACwAAAAwAAAAAAAAAAAAAAIABAAAAAGEvc3RvcmVkLnR4dFBLAQIU' +
    'AxQAAAAIAAAAIQDYvtsADgAAALQAAAAOAAAAAAAAAAAAAACAATUAAABiL2RlZmxhdGVkLnR4dFBLBQYAAAAAAgACAHYAAABvAAAACQBhIGNvbW1lbnQ=',
  'base64',
);

describe('readZipEntry', () => {
  it('reads stored and deflated entries by their path', () => {
    expect(readZipEntry(ZIP, 'a/stored.txt').toString()).toBe('plain bytes');
    expect(readZipEntry(ZIP, 'b/deflated.txt').toString()).toBe('squeezed '.repeat(20));
  });

  it('says which entry is missing, and when the bytes are not a zip', () => {
    expect(() => readZipEntry(ZIP, 'c/absent.txt')).toThrow('zip: no entry c/absent.txt');
    expect(() => readZipEntry(Buffer.from('not a zip archive at all, just text'), 'a')).toThrow(/end-of-directory/u);
  });
});
