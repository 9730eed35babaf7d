/**
 * What the authorization server writes into the data file: a token issued, a token revoked, the
 * settings. Each is an instruction of the save pipeline (pipeline/save-pipeline.ts), made on the
 * record as it is stored (never a lost change: another writer's change to the same record meanwhile
 * means it is made again on theirs), with an audit entry whose actor says it came from automatic
 * authorization. A token is issued only to an Enabled third party with a callback URL: those two
 * fields are what the issue relies on, so a console clearing Enabled meanwhile is seen. Each
 * write keeps the grid to the live automatic token and the last few replaced ones
 * (withoutStaleAutomaticTokens, in the domain); the audit log keeps them all.
 */
import {
  deactivateToken,
  issueAutomaticToken,
  shortenCredential,
  type AuditChange,
  type Settings,
  type ThirdParty,
} from '../domain/index.js';
import type {Instruction} from './pipeline/save-pipeline.js';

export type AuthorizationWrite =
  | {
      readonly kind: 'issue';
      readonly thirdPartyId: string;
      readonly token: {readonly id: string; readonly token: string};
      /** Issued to the console's automatic-authorization test: replaces nothing, revoked at the test's end. */
      readonly test: boolean;
      /** "alice@host" when an admin approved the request in the console. */
      readonly approvedBy?: string;
    }
  | {readonly kind: 'revoke'; readonly thirdPartyId: string; readonly tokenId: string; readonly why: string}
  | {readonly kind: 'settings'; readonly settings: Settings};

export type WriteResult = {readonly ok: true} | {readonly ok: false; readonly why: string};

/** Who gets test tokens (the console's Ctrl+T, Ctrl+P, and tpa test-authorization), as the history names it. */
const SELF_TEST = 'the automatic authorization self-test';

/** The event named in the history, as the console's live notice shows it. */
export const EVENT_FIELD = 'event';

const event = (text: string): AuditChange => ({field: EVENT_FIELD, old: null, new: text});

const refusal = (thirdParty: ThirdParty | undefined): string | undefined => {
  if (!thirdParty) return 'the third party was deleted';
  if (!thirdParty.enabled) return 'the third party is not Enabled';
  if (thirdParty.callbackUrl === null) return 'the third party has no callback URL (manual authorization)';
  return undefined;
};

/** An issue or a revocation as an instruction of the save pipeline. */
export const authorizationInstruction = (write: Exclude<AuthorizationWrite, {kind: 'settings'}>): Instruction => ({
  thirdPartyId: write.thirdPartyId,
  make: (thirdParty, now) => {
    if (write.kind === 'issue') {
      const why = refusal(thirdParty);
      if (why || !thirdParty) return {kind: 'refused', why: why ?? 'the third party was deleted'};
      const issued = issueAutomaticToken(thirdParty, write.token, now, write.test);
      const approved = write.approvedBy ? `, approved by ${write.approvedBy}` : '';
      const extra = [
        event(write.test ? `test token issued to ${SELF_TEST}${approved}` : `token issued by automatic authorization${approved}`),
        ...issued.replaced.map(old => event(`token ${shortenCredential(old.token)} replaced`)),
      ];
      return {kind: 'change', thirdParty: issued.thirdParty, audit: {reads: ['enabled', 'callbackUrl'], extra}};
    }
    const token = thirdParty?.tokens.find(candidate => candidate.id === write.tokenId);
    // Revoking what is gone or already inactive is done already (RFC 7009 §2.2).
    if (!thirdParty || !token?.active) return {kind: 'unchanged'};
    return {
      kind: 'change',
      thirdParty: deactivateToken(thirdParty, token.id),
      // Only the console's self-test gets a test token, and it gives it back at its end.
      audit: {extra: [event(token.test ? `test token revoked at the end of ${SELF_TEST}` : `token ${write.why}`)]},
    };
  },
});
