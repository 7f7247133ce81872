import { checkPushSignature, pushSignature } from './websub-signature';

const BODY = Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>');

describe('checkPushSignature', () => {
  it('accepts sha256 and sha1 signatures made with the secret', () => {
    expect(checkPushSignature(pushSignature('sha256', BODY, 's3cret'), BODY, 's3cret')).toEqual({
      ok: true,
      algorithm: 'sha256',
    });
    expect(checkPushSignature(pushSignature('sha1', BODY, 's3cret').toUpperCase(), BODY, 's3cret')).toEqual({
      ok: true,
      algorithm: 'sha1',
    });
  });

  it('refuses an unsigned push', () => {
    expect(checkPushSignature(undefined, BODY, 's3cret')).toMatchObject({ ok: false, reason: 'unsigned' });
    expect(checkPushSignature('  ', BODY, 's3cret')).toMatchObject({ ok: false, reason: 'unsigned' });
  });

  it('refuses another secret, another body, a truncated digest, an unknown method and a malformed header', () => {
    const signature = pushSignature('sha256', BODY, 's3cret');
    const cases = [
      pushSignature('sha256', BODY, 'other'),
      pushSignature('sha256', Buffer.from('tampered'), 's3cret'),
      signature.slice(0, -2),
      signature.replace('sha256', 'md5'),
      'sha256:abc',
    ];
    const results = cases.map((header) => checkPushSignature(header, BODY, 's3cret'));
    expect(results.map((result) => result.ok)).toEqual([false, false, false, false, false]);
    expect(results.map((result) => (result.ok ? null : result.message))).toEqual([
      'X-Hub-Signature (sha256) does not match the body',
      'X-Hub-Signature (sha256) does not match the body',
      'X-Hub-Signature (sha256) does not match the body',
      'X-Hub-Signature method md5 is not one of sha1, sha256, sha384, sha512',
      'X-Hub-Signature is not <method>=<hex digest>',
    ]);
  });
});
