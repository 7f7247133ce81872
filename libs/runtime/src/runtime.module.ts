import { Global, Module, type DynamicModule } from '@nestjs/common';
import { OpsController } from './ops.controller';
import { SERVICE_RUNTIME, type ServiceRuntime } from './service-runtime';

@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      controllers: [OpsController],
      providers: [{ provide: SERVICE_RUNTIME, useValue: runtime }],
      exports: [SERVICE_RUNTIME],
    };
  }
}
