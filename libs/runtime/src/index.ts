export * from './nest-logger';
export * from './ops.controller';
export * from './run-service';
export * from './runtime-providers';
export * from './runtime.module';
export * from './service-runtime';
export * from './auth';
export * from './periodic-task';
