import { DEFAULT_SERVICE_PORTS, type Env } from '@inkstream/config';
import type { ServiceDefinition } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import { loadGatewayConfig } from './gateway-config';
import { GatewayModule } from './gateway.module';
import { configureGatewayHttp } from './http/http-setup';

/**
 * The gateway reads no pipeline topic as a stage (no consumer group of its own): it reads MongoDB, Kafka offsets,
 * the dead-letter topics and, per live-stream client, the clean topic. Its own variables come from `env`.
 */
export function gatewayServiceFor(env: Env): ServiceDefinition {
  @Module({ imports: [GatewayModule.forRoot(env)] })
  class GatewayRootModule {}
  return {
    name: 'gateway',
    defaultPort: DEFAULT_SERVICE_PORTS.gateway,
    usesMongo: true,
    module: GatewayRootModule,
    ownApiAuth: true,
    configureApp: (app, runtime) => {
      const config = loadGatewayConfig(env);
      // Say at startup what the API lets through, so an open read API or disabled admin endpoints are no surprise.
      runtime.logger.info(
        {
          apiAuth: {
            reads: config.GATEWAY_READ_TOKEN ? 'read-token' : 'open',
            writes: config.GATEWAY_ADMIN_TOKEN ? 'admin-token' : 'disabled',
          },
        },
        `HTTP API auth: reads ${config.GATEWAY_READ_TOKEN ? 'need GATEWAY_READ_TOKEN (or the admin token)' : 'open (no GATEWAY_READ_TOKEN)'}; ` +
          `writes, replay and discard ${config.GATEWAY_ADMIN_TOKEN ? 'need GATEWAY_ADMIN_TOKEN' : 'disabled, answering 503 (no GATEWAY_ADMIN_TOKEN)'}`,
      );
      return configureGatewayHttp(app, config);
    },
  };
}

export const gatewayService: ServiceDefinition = gatewayServiceFor(process.env);
