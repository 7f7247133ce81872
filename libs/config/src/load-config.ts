import { z } from 'zod';

/** Startup fails with every bad variable named, so an operator fixes the environment in one go. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export type Env = Record<string, string | undefined>;

/**
 * Validates environment variables against a zod object whose keys ARE the variable names, so an error message can
 * always name the variable. Empty strings count as unset: `FOO=` in a shell usually means "use the default".
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: Env = process.env): z.infer<z.ZodObject<S>> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = z.object(shape).safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(unknown)');
    const got = input[variable];
    return `${variable}: ${issue.message}${got === undefined ? ' (not set)' : ` (got ${JSON.stringify(got)})`}`;
  });
  throw new ConfigError(problems);
}

/**
 * Runs every loader and returns their results; when some fail with a ConfigError, throws one listing all their
 * problems (a service's common variables and its Kafka security are loaded apart, but fixed in one go).
 */
export function loadAll<T extends unknown[]>(...loaders: { [K in keyof T]: () => T[K] }): T {
  const problems: string[] = [];
  const results = loaders.map((load) => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return results as T;
}
