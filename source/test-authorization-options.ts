/** `tpa test-authorization NAME [--data FILE]` (options.ts parses it). */
export type TestAuthorizationCommand = {readonly kind: 'test-authorization'; readonly dataFile: string; readonly name: string};
