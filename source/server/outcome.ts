/** What one request came to: the reply, and what the access log and the throttle make of it. */
import type {AccessResult} from './access-log.js';
import type {Reply} from './respond.js';

export interface Outcome {
  readonly reply: Reply;
  readonly result: AccessResult;
  readonly clientId?: string | null;
  readonly tokenId?: string | null;
  /** An authentication failure (wrong client secret, unknown or invalid bearer token, none sent): counts toward throttling its key. */
  readonly failure: boolean;
  /**
   * What the throttle counts this request against (failure-throttle.ts clientKey): the known
   * client it names. Absent: the client's address. A granted request clears only this key.
   */
  readonly throttleKey?: string;
}
