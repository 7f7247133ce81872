export * from './article-record';
export * from './article-repository';
export * from './connection';
export * from './duplicate-record';
export * from './models';
export * from './document-outcome-repository';
export * from './source-record';
export * from './source-repository';
