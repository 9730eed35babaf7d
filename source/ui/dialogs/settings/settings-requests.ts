/** Saving the data file's settings (F2): the issuer, the only setting so far. */
import {unhandled} from '../../../domain/index.js';
import {failureText} from '../../console/failure-text.js';
import type {RequestHandler} from '../../console/request-context.js';

export const saveSettings: RequestHandler<'saveSettings'> = (request, {store, dispatch}) => {
  const failed = (why: string) => dispatch({type: 'settingsSaved', ok: false, message: `Not saved: ${why}`});
  store.saveSettings(request.issuer === undefined ? {} : {issuer: request.issuer}).then(
    outcome => {
      switch (outcome.kind) {
        case 'saved':
        case 'savedAuditFailed':
          return dispatch({
            type: 'settingsSaved',
            ok: true,
            message: request.issuer ? `Issuer saved: ${request.issuer}.` : "Issuer cleared: the running server's address is used.",
          });
        case 'conflict':
          return failed('the data file changed meanwhile.');
        case 'invalid':
          return failed(outcome.message);
        default:
          return unhandled(outcome);
      }
    },
    (error: unknown) => failed(failureText(error)),
  );
};
