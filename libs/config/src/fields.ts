import { z } from 'zod';

const HOST_PORT = /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/;

/** Variable parsers shared by every service, each with a message an operator can act on. */
export const env = {
  /** 0 asks the OS for any free port (tests); the actual port is logged at startup. */
  port: (fallback: number) =>
    z.coerce
      .number()
      .int()
      .min(0, 'must be a TCP port 0-65535')
      .max(65535, 'must be a TCP port 0-65535')
      .default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive('must be a positive integer').default(fallback),
  nonNegativeInt: (fallback: number) =>
    z.coerce.number().int().nonnegative('must be 0 or a positive integer').default(fallback),
  string: (fallback: string) => z.string().default(fallback),
  optionalString: () => z.string().optional(),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .transform((value) => value === 'true' || value === '1' || value === 'yes')
      .default(fallback ? 'true' : 'false'),
  brokers: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((value) =>
        value
          .split(',')
          .map((broker) => broker.trim())
          .filter(Boolean),
      )
      .refine((brokers) => brokers.length > 0 && brokers.every((broker) => HOST_PORT.test(broker)), {
        message: 'must be a comma-separated list of host:port',
      }),
  mongoUri: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((value) => /^mongodb(\+srv)?:\/\/[^/]+/.test(value), {
        message: 'must be a mongodb:// or mongodb+srv:// URI',
      }),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  list: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
};
