import type { NextFunction, Request, Response } from 'express';
import { bodyLimitMiddleware, corsHeaders } from './cors';

describe('corsHeaders', () => {
  it('allows nothing cross-origin unless configured', () => {
    expect(corsHeaders('https://a.example', [])).toBeNull();
    expect(corsHeaders(undefined, ['*'])).toBeNull();
  });

  it('echoes a listed origin with Vary and refuses others', () => {
    expect(corsHeaders('https://a.example', ['https://a.example'])).toMatchObject({
      'Access-Control-Allow-Origin': 'https://a.example',
      Vary: 'Origin',
    });
    expect(corsHeaders('https://b.example', ['https://a.example'])).toBeNull();
  });

  it('answers * for any origin when configured so', () => {
    expect(corsHeaders('https://b.example', ['*'])).toMatchObject({ 'Access-Control-Allow-Origin': '*' });
    expect(corsHeaders('https://b.example', ['*'])).not.toHaveProperty('Vary');
  });
});

describe('bodyLimitMiddleware', () => {
  const limit = bodyLimitMiddleware(100, { paths: ['/api/sources/bulk'], maxBytes: 1_000, variable: 'BIG_BYTES' });
  const send = (path: string, length: number) => {
    const refused: unknown[] = [];
    let passed = false;
    const response = { status: () => ({ json: (body: unknown) => refused.push(body) }) } as unknown as Response;
    limit({ path, headers: { 'content-length': String(length) } } as Request, response, (() => {
      passed = true;
    }) as NextFunction);
    return { passed, refused };
  };

  it('lets the bulk paths take bodies up to their own limit, naming that limit when over it', () => {
    expect(send('/api/sources/bulk', 900).passed).toBe(true);
    expect(send('/api/sources/bulk/', 900).passed).toBe(true);
    expect(send('/api/sources/bulk', 1_001).refused).toEqual([
      expect.objectContaining({ message: 'request body of 1001 bytes is over the limit of 1000 (BIG_BYTES)' }),
    ]);
    expect(send('/api/sources', 900).refused).toEqual([
      expect.objectContaining({
        message: 'request body of 900 bytes is over the limit of 100 (GATEWAY_MAX_BODY_BYTES)',
      }),
    ]);
  });
});
