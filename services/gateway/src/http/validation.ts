import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';
import { z } from 'zod';

export type InputPart = 'query' | 'body' | 'path';

/**
 * The first key (as a dotted path) that could act as a MongoDB operator or reach into a sub-document: `$…` or `a.b`.
 * Schemas already reject unknown keys; this second line of defence also covers free-form values (e.g. tags).
 */
export function findOperatorKey(value: unknown, path: string[] = []): string | null {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findOperatorKey(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('$') || key.includes('.') || key.includes('[')) return [...path, key].join('.');
    const found = findOperatorKey(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** Turns zod issues into one sentence that names every offending field, e.g. `limit: must be at most 100`. */
export function describeIssues(issues: ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
      return `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Validates one part of a request against a zod schema; anything wrong is a 400 naming the field. */
export class ZodPipe<Output> implements PipeTransform<unknown, Output> {
  constructor(
    private readonly schema: ZodType<Output, ZodTypeDef, unknown>,
    private readonly part: InputPart,
  ) {}

  transform(value: unknown): Output {
    const operator = findOperatorKey(value);
    if (operator) {
      throw new BadRequestException(`invalid ${this.part}: field "${operator}" is not allowed ($ and . are reserved)`);
    }
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw new BadRequestException(`invalid ${this.part}: ${describeIssues(parsed.error.issues)}`);
    return parsed.data;
  }
}

/** The query of an endpoint that takes no parameters: an unknown one is a 400 naming it, as everywhere else. */
export const noQuery = z.object({}).strict();

/** `@Query(NO_QUERY)`: refuses any query parameter (`?limit=5` on /api/stats is a mistake worth reporting). */
export const NO_QUERY = new ZodPipe(noQuery, 'query');
