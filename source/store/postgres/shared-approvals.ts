/**
 * Authorization requests waiting for an admin, in the database (waiting_approvals), shared by
 * every server and every console on it: a request a browser waits for on one server is approved
 * in a console connected to the database, and the server holding the browser hears of it (NOTIFY)
 * and answers. Each change is one statement that says whether it happened: a decision only on a
 * request not decided yet, the answer (its code) taken once only, whichever server the browser
 * comes back to. The servers keep the list in memory and read it again on each notice
 * (server/oauth/approvals.ts).
 */
import {sql, type Kysely} from 'kysely';
import type {PendingApproval} from '../../domain/index.js';
import {iso} from './rows.js';
import type {Tables} from './tables.js';

export interface StoredDecision {
  readonly kind: 'approve' | 'deny' | 'timeout';
  readonly by?: string;
}

export interface StoredApproval {
  readonly approval: PendingApproval;
  /** The authorization request's parameters, to issue the code once approved. */
  readonly query: string;
  readonly expiresAt: number;
  readonly decision?: StoredDecision;
}

export interface SharedApprovals {
  /** A new waiting request, and the one of the same client, callback URL and address it replaces. */
  add(stored: StoredApproval, replaces: string | undefined): Promise<void>;
  /** Decides a request no one has decided yet; false when it was (or is gone). */
  decide(id: string, decision: StoredDecision): Promise<boolean>;
  /** Takes a decided request for its one answer; false when it was taken already (another server answered it). */
  take(id: string): Promise<boolean>;
  /** Every request waiting, or decided and not answered yet. */
  load(): Promise<StoredApproval[]>;
  /** Calls back (debounced) when another server or console changed them, and once the watch is in place. */
  watch(onChange: () => void): () => void;
}

/** A decided request whose browser never came back is forgotten this long after it expired. */
const FORGET_AFTER_MS = 10 * 60_000;

export const sharedApprovals = (
  db: Kysely<Tables>,
  notify: (trx: Kysely<Tables>) => Promise<void>,
  watch: (onChange: () => void) => () => void,
): SharedApprovals => ({
  add: (stored, replaces) =>
    db.transaction().execute(async trx => {
      if (replaces !== undefined) await trx.deleteFrom('waiting_approvals').where('id', '=', replaces).execute();
      const {approval} = stored;
      await trx
        .insertInto('waiting_approvals')
        .values({
          id: approval.id,
          third_party_id: approval.thirdPartyId,
          third_party_name: approval.thirdPartyName,
          client_id: approval.clientId,
          remote: approval.remote,
          redirect_uri: approval.redirectUri,
          query: stored.query,
          since: approval.since,
          expires_at: new Date(stored.expiresAt),
          decision: null,
          decided_by: null,
          decided_at: null,
        })
        .execute();
      await notify(trx);
    }),
  decide: (id, decision) =>
    db.transaction().execute(async trx => {
      const row = await trx
        .updateTable('waiting_approvals')
        .set({decision: decision.kind, decided_by: decision.by ?? null, decided_at: sql<Date>`now()`})
        .where('id', '=', id)
        .where('decision', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (row) await notify(trx);
      return row !== undefined;
    }),
  take: async id =>
    (await db.deleteFrom('waiting_approvals').where('id', '=', id).where('decision', 'is not', null).returning('id').executeTakeFirst()) !==
    undefined,
  load: async () => {
    await db
      .deleteFrom('waiting_approvals')
      .where('expires_at', '<', new Date(Date.now() - FORGET_AFTER_MS))
      .execute();
    const rows = await db.selectFrom('waiting_approvals').selectAll().orderBy('since').orderBy('id').execute();
    return rows.map(row => ({
      approval: {
        id: row.id,
        thirdPartyId: row.third_party_id,
        thirdPartyName: row.third_party_name,
        clientId: row.client_id,
        remote: row.remote,
        redirectUri: row.redirect_uri,
        since: iso(row.since),
      },
      query: row.query,
      expiresAt: row.expires_at.getTime(),
      ...(row.decision === null ? {} : {decision: {kind: row.decision, ...(row.decided_by === null ? {} : {by: row.decided_by})}}),
    }));
  },
  watch,
});
