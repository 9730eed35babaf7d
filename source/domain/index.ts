export * from './types.js';
export * from './credentials.js';
export * from './tokens.js';
export * from './third-party.js';
export * from './text.js';
export * from './validation.js';
export * from './secrets.js';
export * from './save-outcome.js';
