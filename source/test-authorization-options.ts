import type {DataLocation} from './store/data-location.js';

/** `tpa test-authorization NAME [--data FILE]` (options.ts parses it). */
export type TestAuthorizationCommand = {readonly kind: 'test-authorization'; readonly data: DataLocation; readonly name: string};
