/** What a request's handler may use (console/requests.ts): the store, the terminal and files, the live sources, the clock. */
import type {Environment, ThirdPartyStore} from '../../domain/index.js';
import type {LiveSources} from '../live/live-sources.js';
import type {Outbox} from './outbox.js';
import type {ConsoleAction, Request} from './state.js';

export interface RequestContext {
  readonly store: ThirdPartyStore;
  readonly outbox: Outbox;
  readonly env: Environment;
  readonly live: LiveSources;
  /** Reports back to the reducer. */
  readonly dispatch: (action: ConsoleAction) => void;
  /** Leaves the program (Ink's exit). */
  readonly exit: () => void;
}

/** Carries out one kind of request; the result goes back through `dispatch`. Thrown failures are the handler's to report. */
export type RequestHandler<K extends Request['kind']> = (request: Extract<Request, {kind: K}>, context: RequestContext) => void;
