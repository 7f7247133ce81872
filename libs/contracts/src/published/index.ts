export * from './asyncapi';
export * from './json-schemas';
export * from './artifacts';
export * from './openapi';
