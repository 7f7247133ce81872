export * from './health';
export * from './logger';
export * from './metrics';
export * from './failpoints';
export * from './span-placement';
export * from './tracing';
