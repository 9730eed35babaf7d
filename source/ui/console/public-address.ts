/** The public address as the console has it (ARCHITECTURE.md, The console: live/ finds the running server). */
import {publicAddress, type PublicAddress} from '../../domain/index.js';
import type {ConsoleState} from './state.js';

/** What live/ found; before it has looked, the issuer setting or the default, by the same rule. */
export const addressOf = (state: Pick<ConsoleState, 'publicAddress' | 'savedIssuer'>): PublicAddress =>
  state.publicAddress ?? publicAddress(state.savedIssuer, undefined);
