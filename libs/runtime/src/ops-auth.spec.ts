import { opsAuthMiddleware } from './auth';

function call(token: string | undefined, path: string, authorization?: string, openPrefixes: string[] = []) {
  let status = 0;
  let body: unknown = null;
  let passed = false;
  opsAuthMiddleware(token, openPrefixes)(
    { path, headers: { authorization } },
    { status: (code) => ({ json: (value) => void ((status = code), (body = value)) }) },
    () => void (passed = true),
  );
  return { status, body, passed };
}

describe('a service’s own HTTP API needs the admin token', () => {
  it('lets /health and /metrics through without a token', () => {
    expect(call('secret', '/health').passed).toBe(true);
    expect(call(undefined, '/metrics').passed).toBe(true);
  });

  it('answers 401 without or with a wrong token, and passes the right one', () => {
    expect(call('secret', '/sources')).toMatchObject({ status: 401, passed: false });
    expect(call('secret', '/sources/x/fetch-now', 'Bearer nope')).toMatchObject({ status: 401, passed: false });
    expect(call('secret', '/sources', 'Bearer secret').passed).toBe(true);
  });

  it('is closed, not open, when no token is configured (503 naming the variable)', () => {
    const result = call(undefined, '/sources', 'Bearer anything');
    expect(result).toMatchObject({ status: 503, passed: false });
    expect(JSON.stringify(result.body)).toContain('GATEWAY_ADMIN_TOKEN');
  });

  it('lets a service’s open prefixes through without a token (the WebSub callback), and nothing else', () => {
    expect(call('secret', '/websub/src-1', undefined, ['/websub/']).passed).toBe(true);
    expect(call(undefined, '/websub/src-1', undefined, ['/websub/']).passed).toBe(true);
    expect(call('secret', '/websub/src-1')).toMatchObject({ status: 401, passed: false });
    expect(call('secret', '/sources', undefined, ['/websub/'])).toMatchObject({ status: 401, passed: false });
    expect(call('secret', '/websub/../sources', undefined, ['/websub/'])).toMatchObject({ status: 401 });
    expect(call('secret', '/websub/%2e%2e/sources', undefined, ['/websub/'])).toMatchObject({ status: 401 });
  });
});
