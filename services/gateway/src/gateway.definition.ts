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
    configureApp: (app) => configureGatewayHttp(app, loadGatewayConfig(env)),
  };
}

export const gatewayService: ServiceDefinition = gatewayServiceFor(process.env);
