/** Saving the third party in the form through the store, and telling the reducer what the save came to. */
import {unhandled, type Environment, type SaveOutcome} from '../../domain/index.js';
import {failureText} from './failure-text.js';
import type {RequestHandler} from './request-context.js';
import type {ConsoleAction} from './state.js';

/**
 * A save's outcome, to the reducer (a switch on the closed union: a kind not handled here does
 * not compile). Merged records of other writers come with the whole list.
 */
export const reportSave = (outcome: SaveOutcome, id: string, env: Environment, dispatch: (action: ConsoleAction) => void): void => {
  switch (outcome.kind) {
    case 'saved':
    case 'savedAuditFailed': {
      const saved = outcome.database.thirdParties.find(thirdParty => thirdParty.id === id);
      if (!saved) {
        dispatch({type: 'saveFailed', message: 'The saved third party is missing from the file.'});
        return;
      }
      const merged = outcome.merged.length > 0;
      dispatch({
        type: 'saved',
        thirdParty: saved,
        at: env.now(),
        ...(merged ? {all: outcome.database.thirdParties, merged: outcome.merged} : {}),
        ...(outcome.mergedFields ? {mergedFields: outcome.mergedFields} : {}),
      });
      // Saved all the same: the history lacks this change, and the admin is told.
      if (outcome.kind === 'savedAuditFailed') dispatch({type: 'notice', text: outcome.problem});
      return;
    }
    case 'conflict':
      dispatch({type: 'saveConflict', conflict: outcome.conflict});
      return;
    case 'invalid':
      dispatch({type: 'saveFailed', message: outcome.message, errors: outcome.errors});
      return;
    default:
      unhandled(outcome);
  }
};

/** Thrown only when the storage failed (the file could not be written, the lock was lost): nothing was saved. */
export const saveFailedOn = (dispatch: (action: ConsoleAction) => void) => (error: unknown) =>
  dispatch({type: 'saveFailed', message: failureText(error)});

// No cancellation: a save that has started always reports back, or the console would stay on "Saving…" forever.
export const save: RequestHandler<'save'> = (request, {store, env, dispatch}) => {
  store
    .saveThirdParty(request.thirdParty)
    .then(outcome => reportSave(outcome, request.thirdParty.id, env, dispatch), saveFailedOn(dispatch));
};
