/** The recovery file settled once its changes are back in the form or discarded. */
import type {RequestHandler} from '../../console/request-context.js';
import {saveFailedOn} from '../../console/save-requests.js';

export const settleRecovery: RequestHandler<'settleRecovery'> = (request, {store, dispatch}) => {
  // Keys are not held back for this: the admin may already be typing in the restored form.
  dispatch({type: 'requestHandled'});
  store.settleRecovery(request.restored).catch(saveFailedOn(dispatch));
};
