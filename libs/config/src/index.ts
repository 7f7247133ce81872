export * from './fields';
export * from './kafka-security';
export * from './load-config';
export * from './service-config';
export * from './service-ports';
export * from './tracing-config';
