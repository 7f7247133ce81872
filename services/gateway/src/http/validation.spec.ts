import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { describeIssues, findOperatorKey, ZodPipe } from './validation';

describe('findOperatorKey', () => {
  it('finds $ keys, dotted keys and bracket keys at any depth, in objects and arrays', () => {
    expect(findOperatorKey({ source: 'a', tags: ['x'] })).toBeNull();
    expect(findOperatorKey({ source: { $ne: 'x' } })).toBe('source.$ne');
    expect(findOperatorKey({ 'source[$ne]': 'x' })).toBe('source[$ne]');
    expect(findOperatorKey({ messages: [{ partition: 0 }, { $where: '1' }] })).toBe('messages.1.$where');
    expect(findOperatorKey({ 'status.lastError': null })).toBe('status.lastError');
    expect(findOperatorKey('$ne')).toBeNull();
  });
});

describe('ZodPipe', () => {
  const pipe = new ZodPipe(z.object({ limit: z.coerce.number().max(100, 'must be at most 100') }).strict(), 'query');

  it('passes valid input through the schema', () => {
    expect(pipe.transform({ limit: '5' })).toEqual({ limit: 5 });
  });

  it('answers 400 naming the field', () => {
    expect(() => pipe.transform({ limit: '500' })).toThrow(
      new BadRequestException('invalid query: limit: must be at most 100'),
    );
    expect(() => pipe.transform({ limit: '1', lmit: '2' })).toThrow(/unknown field\(s\): lmit/);
  });

  it('refuses operator keys before the schema sees them', () => {
    expect(() => pipe.transform({ limit: { $gt: 1 } })).toThrow(/field "limit\.\$gt" is not allowed/);
  });

  it('describes at most five issues', () => {
    const issues = Array.from({ length: 7 }, (_, index) => ({
      code: 'custom' as const,
      path: [`f${index}`],
      message: 'bad',
    }));
    expect(describeIssues(issues).split('; ')).toHaveLength(5);
  });
});
