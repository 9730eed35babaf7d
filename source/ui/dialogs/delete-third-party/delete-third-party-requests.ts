/** Carrying out the deletion of a third party (Delete in the list, its name typed). */
import {toDisplayText, unhandled} from '../../../domain/index.js';
import {failureText} from '../../console/failure-text.js';
import type {RequestHandler} from '../../console/request-context.js';
import {formatTime} from '../../widgets/format.js';

export const deleteThirdParty: RequestHandler<'deleteThirdParty'> = (request, {store, env, dispatch}) => {
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
};
