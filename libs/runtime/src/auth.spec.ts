import { adminAccess, bearerToken, readAccess, tokensMatch } from './auth';

describe('tokensMatch', () => {
  it('compares whole tokens of any length', () => {
    expect(tokensMatch('secret', 'secret')).toBe(true);
    expect(tokensMatch('secret', 'secret2')).toBe(false);
    expect(tokensMatch('', 'secret')).toBe(false);
  });
});

describe('bearerToken', () => {
  it('reads Bearer tokens only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
  });
});

describe('adminAccess', () => {
  it('is never open: without a configured token every call is refused', () => {
    expect(adminAccess('Bearer anything', undefined)).toBe('disabled');
    expect(adminAccess(undefined, '')).toBe('disabled');
  });

  it('tells a missing token from a wrong one', () => {
    expect(adminAccess(undefined, 'admin')).toBe('missing-token');
    expect(adminAccess('Bearer nope', 'admin')).toBe('wrong-token');
    expect(adminAccess('Bearer admin', 'admin')).toBe('allowed');
  });
});

describe('readAccess', () => {
  it('is open without a read token and otherwise takes the read or the admin token', () => {
    expect(readAccess(undefined, undefined, 'admin')).toBe('allowed');
    expect(readAccess(undefined, 'read', 'admin')).toBe('missing-token');
    expect(readAccess('Bearer read', 'read', 'admin')).toBe('allowed');
    expect(readAccess('Bearer admin', 'read', 'admin')).toBe('allowed');
    expect(readAccess('Bearer other', 'read', undefined)).toBe('wrong-token');
  });
});
