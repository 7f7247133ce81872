import { redactUri } from './connection';

describe('redactUri', () => {
  it('keeps credentials out of logs', () => {
    expect(redactUri('mongodb://user:secret@db:27017/inkstream')).toBe('mongodb://***@db:27017/inkstream');
  });
});
