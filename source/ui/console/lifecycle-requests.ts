/**
 * Carrying out what the lifecycle dialogs ask for (see lifecycle-state.ts): deleting a third
 * party, copying or writing the OAuth information and recording that it was sent, reading the
 * history. Results go back to the reducer as actions.
 */
import {toDisplayText, type Database, type Environment, type ThirdPartyStore} from '../../domain/index.js';
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

const messageOf = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
};

/** A store error after the file was written (the audit log failed): the data is saved all the same. */
const savedDespite = (error: unknown): Database | undefined => (error as {database?: Database} | undefined)?.database;

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
    // Without a token (a callback URL's sheet of the flow alone) the send is in the audit log only.
    store.recordSent(thirdPartyId, tokenId, sentTo).then(
      database => report(database),
      (error: unknown) => {
        const database = savedDespite(error);
        if (database) report(database, ` ${messageOf(error)}`);
        else
          dispatch({
            type: 'sendOutcome',
            step: 'sheet',
            message: {text: `${done} It could not be recorded as sent: ${messageOf(error)}`, tone: 'error'},
          });
      },
    );
  };

  switch (request.kind) {
    case 'deleteThirdParty':
      store.deleteThirdParty(request.id).then(
        outcome => {
          if (outcome.kind === 'conflict') {
            const who = outcome.conflict.changedBy.actor ? toDisplayText(outcome.conflict.changedBy.actor) : 'another console';
            dispatch({
              type: 'deleteFailed',
              message: `${who} changed it at ${formatTime(outcome.conflict.changedBy.at)}; look at their version first (reopen tpa).`,
            });
            return;
          }
          dispatch({type: 'deleted', id: request.id, name: request.name, at: env.now()});
          if (outcome.merged.length > 0) dispatch({type: 'merged', all: outcome.database.thirdParties, names: outcome.merged});
        },
        (error: unknown) => {
          if (savedDespite(error)) {
            dispatch({type: 'deleted', id: request.id, name: request.name, at: env.now()});
            dispatch({type: 'notice', text: messageOf(error)});
          } else dispatch({type: 'deleteFailed', message: messageOf(error)});
        },
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
            message: {text: `Could not write ${toDisplayText(request.path)}: ${messageOf(error)}`, tone: 'error'},
          }),
      );
      return;
    case 'history':
      store.readHistory(request.id, request.limit).then(
        entries => dispatch({type: 'historyLoaded', id: request.id, entries}),
        (error: unknown) => dispatch({type: 'historyFailed', message: `The history could not be read: ${messageOf(error)}`}),
      );
      return;
  }
};
