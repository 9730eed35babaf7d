/** What the conflict dialog's buttons ask for: reload theirs, keep mine in a copy, or write the deleted file again. */
import type {RequestHandler} from '../../console/request-context.js';
import {reportSave, saveFailedOn} from '../../console/save-requests.js';
import {otherWriter} from './conflict-dialog-state.js';

export const resolveConflict: RequestHandler<'resolveConflict'> = (request, {store, env, dispatch}) => {
  const {conflict} = request;
  const resolve = async (): Promise<void> => {
    if (conflict.fileDeleted) {
      if (!request.keepCopy) {
        reportSave(await store.rewriteDeletedFile(conflict.mine), conflict.thirdPartyId, env, dispatch);
        return;
      }
      const copy = await store.keepCopy(conflict.mine, true);
      dispatch({
        type: 'saveFailed',
        message: `Not saved: the data file is gone. Every third party this console has is kept in ${copy} (open it with tpa --data).`,
      });
      return;
    }
    const copy = request.keepCopy ? await store.keepCopy(conflict.mine) : undefined;
    const database = await store.reload();
    const author = otherWriter(conflict);
    const notice = copy
      ? `Your version is kept in ${copy} (open it with tpa --data); the form shows theirs.`
      : conflict.theirs
        ? `Reloaded as ${author} saved it; your changes were dropped.`
        : `${author.charAt(0).toUpperCase()}${author.slice(1)} deleted this third party; your changes were dropped.`;
    dispatch({type: 'reloaded', database, openId: conflict.thirdPartyId, notice});
  };
  resolve().catch(saveFailedOn(dispatch));
};
