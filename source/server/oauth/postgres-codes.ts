/**
 * Authorization codes in the database, shared by every server on it (code-keeper.ts): a code
 * issued by one server is redeemed at any other, once. Only the code's SHA-256 is stored, so
 * reading the table gives no code to redeem. Its use is one statement (UPDATE … WHERE used_at IS
 * NULL RETURNING), so two servers presented the same code at once give it to one of them; the
 * other finds it used and the token it gave is revoked (RFC 6749 §4.1.2), whichever server saw
 * the reuse and whenever the token is saved (`reused` is marked for the server that saves it).
 * The caps are decided as in memory (code-store.ts `codeRoom`) on counts of the table; two
 * servers storing at the same moment may each see room for the last place, so a cap holds to
 * within the number of servers.
 */
import {sha256} from '../../domain/index.js';
import {sql, type Kysely} from 'kysely';
import type {Tables} from '../../store/postgres/tables.js';
import {USED_CODE_MEMORY_MS, type CodeKeeper, type KeptCode} from './code-keeper.js';
import {codeRoom, DEFAULT_CODE_LIMITS, type CodeLimits} from './code-store.js';

const hashOf = (code: string): string => sha256(code).toString('base64url');

/** Expired and long-used codes are removed at most this often. */
const SWEEP_EVERY_MS = 60_000;

export const postgresCodeKeeper = (db: Kysely<Tables>, limits: CodeLimits = DEFAULT_CODE_LIMITS): CodeKeeper => {
  let sweptAt = -Infinity;
  const sweep = async (nowMs: number) => {
    if (nowMs - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = nowMs;
    // Used codes are remembered for reuse detection, then forgotten with the expired ones.
    await db
      .deleteFrom('authorization_codes')
      .where(sql<boolean>`coalesce(used_at, expires_at) < ${new Date(nowMs - USED_CODE_MEMORY_MS)}`)
      .execute();
  };

  return {
    keep: async (code: KeptCode, nowMs) => {
      await sweep(nowMs);
      const now = new Date(nowMs);
      const {clientId, grant} = code;
      const {rows} = await sql<{pair: number; oldest: string | null; address: number; client: number; total: number}>`
        select
          count(*) filter (where client_id = ${clientId} and address = ${grant.address})::int as pair,
          (select code_hash from authorization_codes
            where client_id = ${clientId} and address = ${grant.address} and used_at is null and expires_at > ${now}
            order by created_at, code_hash limit 1) as oldest,
          count(*) filter (where address = ${grant.address})::int as address,
          count(*) filter (where client_id = ${clientId})::int as client,
          count(*)::int as total
        from authorization_codes where used_at is null and expires_at > ${now}`.execute(db);
      const counts = rows[0]!;
      const room = codeRoom({...counts, pairOldest: counts.oldest ?? undefined}, limits);
      if (room.kind === 'full') return room;
      if (room.replaces !== undefined)
        await db.deleteFrom('authorization_codes').where('code_hash', '=', room.replaces).where('used_at', 'is', null).execute();
      await db
        .insertInto('authorization_codes')
        .values({
          code_hash: hashOf(code.authorizationCode),
          third_party_id: grant.thirdPartyId,
          client_id: clientId,
          address: grant.address,
          // The database's clock to the microsecond: the order codes were kept in, for "the pair's oldest".
          created_at: sql<Date>`clock_timestamp()`,
          redirect_uri: code.redirectUri,
          scope: code.scope === undefined ? null : code.scope.join(' '),
          code_challenge: code.codeChallenge ?? '',
          code_challenge_method: code.codeChallengeMethod ?? '',
          approved_by: grant.approvedBy ?? null,
          test: grant.test,
          expires_at: code.expiresAt,
        })
        .execute();
      return room;
    },

    present: async code => {
      const hash = hashOf(code);
      const row = await db.selectFrom('authorization_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
      if (!row) return {kind: 'unknown'};
      if (row.used_at !== null) {
        // Used already: marked (the token id read in the same statement), so whichever server saves its token revokes it.
        const reused = await db
          .updateTable('authorization_codes')
          .set({reused: true})
          .where('code_hash', '=', hash)
          .returning(['third_party_id', 'token_id'])
          .executeTakeFirst();
        return reused ? {kind: 'reused', thirdPartyId: reused.third_party_id, tokenId: reused.token_id ?? undefined} : {kind: 'unknown'};
      }
      return {
        kind: 'live',
        code: {
          authorizationCode: code,
          expiresAt: row.expires_at,
          redirectUri: row.redirect_uri,
          scope: row.scope === null ? undefined : row.scope.split(' '),
          codeChallenge: row.code_challenge === '' ? undefined : row.code_challenge,
          codeChallengeMethod: row.code_challenge_method === '' ? undefined : row.code_challenge_method,
          clientId: row.client_id,
          grant: {
            thirdPartyId: row.third_party_id,
            address: row.address,
            test: row.test,
            ...(row.approved_by === null ? {} : {approvedBy: row.approved_by}),
          },
        },
      };
    },

    use: async (code, nowMs) =>
      (await db
        .updateTable('authorization_codes')
        .set({used_at: new Date(nowMs)})
        .where('code_hash', '=', hashOf(code.authorizationCode))
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date(nowMs))
        .returning('code_hash')
        .executeTakeFirst()) !== undefined,

    gave: async (code, tokenId) =>
      (
        await db
          .updateTable('authorization_codes')
          .set({token_id: tokenId})
          .where('code_hash', '=', hashOf(code))
          .returning('reused')
          .executeTakeFirst()
      )?.reused === true,
  };
};
