/**
 * Carrying out Ctrl+O's requests: the sheet copied to the terminal's clipboard (OSC 52) or
 * written to a 0600 file, then recorded as sent. Results go back to the reducer as actions.
 */
import {toDisplayText, unhandled, type Database} from '../../../domain/index.js';
import {failureText} from '../../console/failure-text.js';
import type {RequestContext, RequestHandler} from '../../console/request-context.js';
import {formatTime} from '../../widgets/format.js';
import {copyMessage} from './osc52.js';

/** Records the token as sent (the automatic authorization sheet carries none), then says what was done. */
const recordSent = (
  {store, env, dispatch}: RequestContext,
  thirdPartyId: string,
  tokenId: string | undefined,
  sentTo: string,
  done: string,
) => {
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

export const copySheet: RequestHandler<'copySheet'> = (request, context) => {
  const {text, copied} = copyMessage(context.outbox.copyToClipboard(request.text));
  if (copied) recordSent(context, request.thirdPartyId, request.tokenId, 'clipboard (OSC 52)', text);
  else context.dispatch({type: 'sendOutcome', step: 'sheet', message: {text, tone: 'error'}});
};

export const writeSheet: RequestHandler<'writeSheet'> = (request, context) => {
  const {outbox, dispatch} = context;
  outbox.writePrivateFile(request.path, request.text, request.overwrite).then(
    result => {
      const file = toDisplayText(result.file);
      if (result.kind === 'exists') {
        dispatch({
          type: 'sendOutcome',
          step: 'overwrite',
          message: {text: `${file} exists. Overwrite it?`, tone: 'error'},
        });
        return;
      }
      const done = `Wrote ${file} (mode 0600: only you can read it).`;
      recordSent(context, request.thirdPartyId, request.tokenId, `file ${result.file}`, done);
    },
    (error: unknown) =>
      dispatch({
        type: 'sendOutcome',
        step: 'path',
        message: {text: `Could not write ${toDisplayText(request.path)}: ${failureText(error)}`, tone: 'error'},
      }),
  );
};
