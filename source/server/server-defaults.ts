/**
 * `tpa serve`'s defaults, apart from the server itself: the command line (serve-options.ts) and the
 * consoles' admin channel client read them, and importing start-server.ts for a constant made
 * every command and the console load the whole authorization server (the OAuth library and its
 * MIME tables) at start.
 */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
/** Open connections at most: far below the usual limit of 1,024 file descriptors, far above what third parties' tests need. */
export const DEFAULT_MAX_CONNECTIONS = 256;
/** From one address (a browser opens six; an office behind one address a few times that). */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 32;
/** The admin channel's event stream says it is alive this often (oauth/admin.ts); the console gives up after three missed. */
export const HEARTBEAT_MS = 3_000;
