import { PLAINTEXT_KAFKA } from '@inkstream/config';
import { kafkaSecurityOptions } from './kafka-client';

describe('kafkaSecurityOptions', () => {
  it('adds nothing for plaintext', () => {
    expect(kafkaSecurityOptions(PLAINTEXT_KAFKA)).toEqual({});
  });

  it('passes the TLS material to Node and spells the SASL mechanism as kafkajs does', () => {
    expect(
      kafkaSecurityOptions({
        protocol: 'SASL_SSL',
        tls: { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' },
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'inkstream', password: 'secret' },
      }),
    ).toEqual({
      ssl: { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' },
      sasl: { mechanism: 'scram-sha-512', username: 'inkstream', password: 'secret' },
    });
    expect(
      kafkaSecurityOptions({
        protocol: 'SASL_PLAINTEXT',
        tls: null,
        sasl: { mechanism: 'PLAIN', username: 'u', password: 'p' },
      }),
    ).toEqual({ sasl: { mechanism: 'plain', username: 'u', password: 'p' } });
    expect(kafkaSecurityOptions({ protocol: 'SSL', tls: {}, sasl: null })).toEqual({ ssl: {} });
  });
});
