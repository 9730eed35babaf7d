export * from './data-file-error.js';
export * from './json-file-adapter.js';
export * from './parse-database.js';
export * from './third-party-store.js';
export * from './data-file-paths.js';
export * from './audit-log.js';
export * from './private-file.js';
