import { Global, Module, type DynamicModule } from '@nestjs/common';
import { OpsController } from './ops.controller';
import { runtimeProviders } from './runtime-providers';
import type { ServiceRuntime } from './service-runtime';

@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const providers = runtimeProviders(runtime);
    return {
      module: RuntimeModule,
      controllers: [OpsController],
      providers,
      exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)),
    };
  }
}
