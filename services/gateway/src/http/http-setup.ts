import type { INestApplication } from '@nestjs/common';
import { openApiComponentSchemas } from '@inkstream/contracts';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, text, type NextFunction, type Request, type Response } from 'express';
import { OPML_CONTENT_TYPES } from '../sources/source-params';
import type { GatewayConfig } from '../gateway-config';
import { bodyLimitMiddleware, corsMiddleware, securityHeadersMiddleware } from './cors';
import { DependencyUnavailableFilter } from './dependency-unavailable.filter';
import { hostCheckMiddleware } from './host-check';

/**
 * App-level HTTP setup, run by the runtime after the app is created and before it listens. Middleware added here
 * comes before the body parsers Nest mounts at initialisation, so the size check runs before any body is read.
 */
export function configureGatewayHttp(app: INestApplication, config: GatewayConfig): void {
  app.useGlobalFilters(new DependencyUnavailableFilter());
  app.use(securityHeadersMiddleware());
  app.use(hostCheckMiddleware(config.GATEWAY_ALLOWED_HOSTS));
  app.use(corsMiddleware(config.GATEWAY_CORS_ORIGINS));
  // Registering 2,000 feeds is one bulk or import call: those two take bodies up to GATEWAY_MAX_IMPORT_BYTES, parsed
  // here with that limit (an OPML import as text) before Nest's own parsers, which then leave the body alone.
  const bulkPaths = ['/api/sources/bulk', '/api/sources/import'];
  app.use(
    bodyLimitMiddleware(config.GATEWAY_MAX_BODY_BYTES, {
      paths: bulkPaths,
      maxBytes: config.GATEWAY_MAX_IMPORT_BYTES,
      variable: 'GATEWAY_MAX_IMPORT_BYTES',
    }),
  );
  // Named wrappers: Nest skips mounting its global JSON parser when a layer named `jsonParser` is already there.
  const bulkJson = json({ limit: config.GATEWAY_MAX_IMPORT_BYTES });
  const opmlText = text({ type: OPML_CONTENT_TYPES, limit: config.GATEWAY_MAX_IMPORT_BYTES });
  app.use(bulkPaths[0], function bulkSourcesParser(request: Request, response: Response, next: NextFunction) {
    bulkJson(request, response, next);
  });
  app.use(bulkPaths[1], function opmlImportParser(request: Request, response: Response, next: NextFunction) {
    opmlText(request, response, next);
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Inkstream gateway')
      .setDescription(
        'Clean articles, story clusters, sources, dead letters and pipeline statistics. ' +
          'Read endpoints need `Authorization: Bearer <GATEWAY_READ_TOKEN>` when that token is set; ' +
          'writes and operator actions always need `Bearer <GATEWAY_ADMIN_TOKEN>`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'admin')
      .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'read')
      .build(),
  );
  // Component schemas come from the zod schemas the code validates with (libs/contracts published/openapi.ts), so
  // the document cannot describe a shape the API does not send; responses point at them with openApiRef.
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(openApiComponentSchemas() as Record<string, object>) },
  };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
