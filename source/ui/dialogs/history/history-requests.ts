/** Reading the history of a third party from the audit log (Ctrl+Y). */
import {failureText} from '../../console/failure-text.js';
import type {RequestHandler} from '../../console/request-context.js';

export const readHistory: RequestHandler<'history'> = (request, {store, dispatch}) => {
  store.readHistory(request.id, request.limit).then(
    entries => dispatch({type: 'historyLoaded', id: request.id, entries}),
    (error: unknown) => dispatch({type: 'historyFailed', message: `The history could not be read: ${failureText(error)}`}),
  );
};
