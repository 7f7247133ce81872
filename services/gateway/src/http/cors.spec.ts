import { corsHeaders } from './cors';

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
