/**
 * Carrying out what the lifecycle dialogs ask for (see lifecycle-state.ts): deleting a third
 * party, copying or writing the OAuth information and recording that it was sent, reading the
 * history. Results go back to the reducer as actions.
 */
import {toDisplayText, unhandled, type Database, type Environment, type ThirdPartyStore} from '../../domain/index.js';
import {failureText} from './failure-text.js';
import type {ConsoleAction} from './state.js';
import {formatTime} from '../widgets/format.js';
import type {LifecycleRequest} from '../dialogs/lifecycle-state.js';
import {copyMessage} from '../dialogs/send/osc52.js';
import type {Outbox} from './outbox.js';

export interface RequestContext {
  readonly store: ThirdPartyStore;
  readonly outbox: Outbox;
  readonly env: Environment;
  /** Dispatches unless the request was abandoned. */
  readonly dispatch: (action: ConsoleAction) => void;
}

export const runLifecycleRequest = (request: LifecycleRequest, {store, outbox, env, dispatch}: RequestContext): void => {
  const record = (thirdPartyId: string, tokenId: string | undefined, sentTo: string, done: string) => {
    const report = (database: Database, warning = '') => {
      const saved = database.thirdParties.find(thirdParty => thirdParty.id === thirdPartyId);
      const at = env.now();
      if (saved) dispatch({type: 'saved', thirdParty: saved, at});
      dispatch({
        type: 'sendOutcome',
        step: 'sheet',
        message: {text: `${done} Recorded as sent at ${formatTime(at)}.${warning}`, tone: warning ? 'error' : 'info'},
      });
    };
    const notRecorded = (why: string) =>
      dispatch({type: 'sendOutcome', step: 'sheet', message: {text: `${done} It could not be recorded as sent: ${why}`, tone: 'error'}});
    // Without a token (a callback URL's sheet of the flow alone) the send is in the audit log only.
    store.recordSent(thirdPartyId, tokenId, sentTo).then(
      outcome => {
        switch (outcome.kind) {
          case 'saved':
            return report(outcome.database);
          case 'savedAuditFailed':
            return report(outcome.database, ` ${outcome.problem}`);
          case 'conflict':
            return notRecorded('the third party kept changing meanwhile.');
          case 'invalid':
            return notRecorded(outcome.message);
          default:
            return unhandled(outcome);
        }
      },
      (error: unknown) => notRecorded(failureText(error)),
    );
  };

  switch (request.kind) {
    case 'deleteThirdParty':
      store.deleteThirdParty(request.id).then(
        outcome => {
          switch (outcome.kind) {
            case 'saved':
            case 'savedAuditFailed':
              dispatch({type: 'deleted', id: request.id, name: request.name, at: env.now()});
              if (outcome.merged.length > 0) dispatch({type: 'merged', all: outcome.database.thirdParties, names: outcome.merged});
              // Deleted all the same: the history lacks it, and the admin is told.
              if (outcome.kind === 'savedAuditFailed') dispatch({type: 'notice', text: outcome.problem});
              return;
            case 'conflict': {
              const {changedBy} = outcome.conflict;
              const who = changedBy.actor ? toDisplayText(changedBy.actor) : 'Someone else';
              dispatch({
                type: 'deleteFailed',
                message: `${who} changed it at ${formatTime(changedBy.at)}; look at their version first (reopen tpa).`,
              });
              return;
            }
            case 'invalid':
              dispatch({type: 'deleteFailed', message: outcome.message});
              return;
            default:
              unhandled(outcome);
          }
        },
        (error: unknown) => dispatch({type: 'deleteFailed', message: failureText(error)}),
      );
      return;
    case 'copySheet': {
      const {text, copied} = copyMessage(outbox.copyToClipboard(request.text));
      if (copied) record(request.thirdPartyId, request.tokenId, 'clipboard (OSC 52)', text);
      else dispatch({type: 'sendOutcome', step: 'sheet', message: {text, tone: 'error'}});
      return;
    }
    case 'writeSheet':
      outbox.writePrivateFile(request.path, request.text, request.overwrite).then(
        result => {
          const file = toDisplayText(result.file);
          if (result.kind === 'exists') {
            dispatch({
              type: 'sendOutcome',
              step: 'overwrite',
              message: {text: `${file} exists. Overwrite it? Y overwrite · N another name`, tone: 'error'},
            });
            return;
          }
          const done = `Wrote ${file} (mode 0600: only you can read it).`;
          record(request.thirdPartyId, request.tokenId, `file ${result.file}`, done);
        },
        (error: unknown) =>
          dispatch({
            type: 'sendOutcome',
            step: 'path',
            message: {text: `Could not write ${toDisplayText(request.path)}: ${failureText(error)}`, tone: 'error'},
          }),
      );
      return;
    case 'history':
      store.readHistory(request.id, request.limit).then(
        entries => dispatch({type: 'historyLoaded', id: request.id, entries}),
        (error: unknown) => dispatch({type: 'historyFailed', message: `The history could not be read: ${failureText(error)}`}),
      );
      return;
  }
};
