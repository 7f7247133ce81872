import 'reflect-metadata';
import { PipelineProducer } from '@inkstream/messaging';
import { Inject, Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Connection } from 'mongoose';
import { MONGO_CONNECTION } from './runtime-providers';
import { RuntimeModule } from './runtime.module';
import type { ServiceRuntime } from './service-runtime';

@Injectable()
class NeedsMongo {
  constructor(@Inject(MONGO_CONNECTION) readonly mongo: Connection) {}
}

@Injectable()
class NeedsProducer {
  constructor(readonly producer: PipelineProducer) {}
}

// Stand-ins: the providers are handed over as values, never called here.
const fakeRuntime = (mongo: object | null): ServiceRuntime =>
  ({ logger: {}, config: {}, kafka: {}, producer: {}, metrics: {}, health: {}, mongo }) as unknown as ServiceRuntime;

async function start(runtime: ServiceRuntime, provider: Type<unknown>) {
  @Module({ providers: [provider] })
  class FeatureModule {}
  @Module({ imports: [RuntimeModule.forRoot(runtime), FeatureModule] })
  class RootModule {}
  return NestFactory.createApplicationContext(RootModule, { logger: false, abortOnError: false });
}

describe('runtime providers', () => {
  it('gives each provider the part it names', async () => {
    const runtime = fakeRuntime({ name: 'mongo' });
    const app = await start(runtime, NeedsProducer);
    expect(app.get(NeedsProducer).producer).toBe(runtime.producer);
    await app.close();
  });

  it('provides the Mongo connection to services that use MongoDB', async () => {
    const runtime = fakeRuntime({ name: 'mongo' });
    const app = await start(runtime, NeedsMongo);
    expect(app.get(NeedsMongo).mongo).toBe(runtime.mongo);
    await app.close();
  });

  it('fails at startup when a provider needs MongoDB in a service that does not use it', async () => {
    await expect(start(fakeRuntime(null), NeedsMongo)).rejects.toThrow(/can't resolve dependencies of the NeedsMongo/);
  });
});
