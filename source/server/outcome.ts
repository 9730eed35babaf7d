/** What one request came to: the reply, and what the access log makes of it. */
import type {AccessResult} from './access-log.js';
import type {Reply} from './respond.js';

export interface Outcome {
  readonly reply: Reply;
  readonly result: AccessResult;
  readonly clientId?: string | null;
  readonly tokenId?: string | null;
}
