/**
 * The console's approvals on a database (ARCHITECTURE.md, "The authorization server"): the
 * requests waiting on any server, read from the database and again on each notice of a change,
 * decided there; the server holding the browser hears of the decision and answers it. The same
 * ApprovalsClient as the admin channel's (approvals-client.ts), so the console does not know which.
 */
import type {WaitingRequests} from '../domain/index.js';
import {approvalsHolder, type ApprovalsClient} from './approvals-client.js';

export const sharedApprovalsClient = (requests: WaitingRequests, by: string): ApprovalsClient => {
  const holder = approvalsHolder('connecting to the database');
  const {set} = holder;
  const refresh = async () => {
    try {
      set({connected: true, pending: await requests.pending()});
    } catch (error) {
      set({
        connected: false,
        pending: [],
        why: `the database cannot be reached (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  };
  // The watch looks once as soon as it is in place: the first list comes from there.
  const stop = requests.watch(() => void refresh());
  const decide = async (id: string, decision: 'approve' | 'deny') => {
    const decided = await requests.decide(id, decision, by).catch(() => false);
    await refresh();
    return decided;
  };
  return {
    subscribe: holder.subscribe,
    approve: id => decide(id, 'approve'),
    deny: id => decide(id, 'deny'),
    close: () => {
      stop();
      holder.clear();
    },
  };
};
