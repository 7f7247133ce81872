import { z } from 'zod';

/**
 * OpenTelemetry tracing, part of every service's common config. Unset means off: no SDK, no exporter, no
 * `traceparent` headers. The variable is the OpenTelemetry standard one, so a collector's usual setup just works.
 */
export const tracingShape = {
  /** OTLP/HTTP base URL of a collector (e.g. `http://otel-collector:4318`); spans go to `<url>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .refine(isHttpBaseUrl, {
      message: 'must be an http:// or https:// URL of an OTLP/HTTP collector (e.g. http://otel-collector:4318)',
    })
    .optional(),
};

function isHttpBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}
