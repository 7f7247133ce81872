import { z } from 'zod';

export interface MessagePosition {
  partition: number;
  offset: string;
}

export type DeadLetterSelection = { kind: 'all' } | { kind: 'some'; positions: MessagePosition[] };

const partition = z.number({ invalid_type_error: 'must be a number' }).int().min(0, 'must be 0 or more');
const offset = z
  .union([z.string().regex(/^\d{1,19}$/, 'must be a decimal offset'), z.number().int().min(0)])
  .transform(String);

export const MAX_SELECTION = 500;

/**
 * Body of replay and discard: one message (`{partition, offset}`), a list (`{messages: [...]}`) or every pending
 * one (`{all: true}`), exactly one of the three.
 */
export const deadLetterSelectionBody = z
  .object({
    partition: partition.optional(),
    offset: offset.optional(),
    messages: z
      .array(z.object({ partition, offset }).strict())
      .min(1, 'must name at least one message')
      .max(MAX_SELECTION, `must name at most ${MAX_SELECTION} messages`)
      .optional(),
    all: z.literal(true, { errorMap: () => ({ message: 'must be true when given' }) }).optional(),
  })
  .strict()
  .transform((body, context): DeadLetterSelection => {
    const single = body.partition !== undefined || body.offset !== undefined;
    const modes = [single, body.messages !== undefined, body.all !== undefined].filter(Boolean).length;
    if (modes !== 1) {
      context.addIssue({
        code: 'custom',
        message: 'give exactly one of {partition, offset}, {messages: [...]} or {all: true}',
      });
      return z.NEVER;
    }
    if (body.all) return { kind: 'all' };
    if (body.messages) return { kind: 'some', positions: body.messages };
    if (body.partition === undefined || body.offset === undefined) {
      context.addIssue({
        code: 'custom',
        path: [body.partition === undefined ? 'partition' : 'offset'],
        message: 'is required with the other',
      });
      return z.NEVER;
    }
    return { kind: 'some', positions: [{ partition: body.partition, offset: body.offset }] };
  });

export const deadLetterListQuery = z
  .object({
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int()
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(100),
  })
  .strict();
