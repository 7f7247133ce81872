import { z } from 'zod';

/** The OpenTelemetry SDK's own sampler names (its OTEL_TRACES_SAMPLER values). */
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TraceSampler = (typeof TRACE_SAMPLERS)[number];

/**
 * OpenTelemetry tracing, part of every service's common config. Unset means off: no SDK, no exporter, no
 * `traceparent` headers. The variables are the OpenTelemetry standard ones, so a collector's usual setup just works.
 */
export const tracingShape = {
  /** OTLP/HTTP base URL of a collector (e.g. `http://otel-collector:4318`); spans go to `<url>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .refine(isHttpBaseUrl, {
      message: 'must be an http:// or https:// URL of an OTLP/HTTP collector (e.g. http://otel-collector:4318)',
    })
    .optional(),
  /** Which traces are kept, as the OpenTelemetry SDKs name it; unset: every trace (`parentbased_always_on`). */
  OTEL_TRACES_SAMPLER: z
    .enum(TRACE_SAMPLERS, { message: `must be one of ${TRACE_SAMPLERS.join(', ')}` })
    .default('parentbased_always_on'),
  /** The ratio kept by the `traceidratio` samplers, 0 to 1. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ message: 'must be a number from 0 to 1' })
    .min(0, 'must be a number from 0 to 1')
    .max(1, 'must be a number from 0 to 1')
    .default(1),
};

function isHttpBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}
