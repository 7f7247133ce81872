import { Inject, Injectable, type INestApplication, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { bodyLimitMiddleware, corsMiddleware, securityHeadersMiddleware } from './cors';

/**
 * App-level HTTP setup without access to the Nest app object (runService creates and starts it for every service).
 * Middleware goes onto the Express instance when this provider is created, which is before the app initialises and
 * mounts its body parsers and routes, so the size check runs before any body is read. The API explorer is mounted in
 * onModuleInit: after the routes exist (the document lists them), before the 404 handler.
 *
 * SwaggerModule wants the app; it reads only the pieces given here (module container, config, HTTP adapter). A
 * runtime hook that hands services the app before `listen` would make this shim unnecessary.
 */
@Injectable()
export class HttpSetup implements OnModuleInit {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly modules: ModulesContainer,
    private readonly applicationConfig: ApplicationConfig,
  ) {
    const adapter = this.adapterHost.httpAdapter;
    adapter.use(securityHeadersMiddleware());
    adapter.use(corsMiddleware(config.GATEWAY_CORS_ORIGINS));
    adapter.use(bodyLimitMiddleware(config.GATEWAY_MAX_BODY_BYTES));
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    const appShim = {
      container: { getModules: () => this.modules, isGlobalModule: () => false },
      config: this.applicationConfig,
      getHttpAdapter: () => adapter,
      useStaticAssets: (path: string, options: { prefix: string }) => adapter.useStaticAssets?.(path, options),
    } as unknown as INestApplication;
    const document = SwaggerModule.createDocument(
      appShim,
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
    SwaggerModule.setup('docs', appShim, document, { jsonDocumentUrl: 'docs/openapi.json' });
  }
}
