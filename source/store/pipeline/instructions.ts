/**
 * Instructions (save-pipeline.ts) that the console and the commands share: what to do to a
 * record as it is stored, made again on the stored version after a conflict.
 */
import {markTokenSent, type ThirdParty} from '../../domain/index.js';
import type {Instruction} from './save-pipeline.js';
import {recordText} from '../record-text.js';

/**
 * Records that the OAuth information with this token was sent (`sentTo`: "clipboard (OSC 52)",
 * "file /path"). Without a token (a callback URL's sheet of the flow alone) only the audit entry
 * says so.
 */
export const sendInstruction = (thirdPartyId: string, tokenId: string | undefined, sentTo: string): Instruction => ({
  thirdPartyId,
  make: (current, at) =>
    current && (tokenId === undefined || current.tokens.some(token => token.id === tokenId))
      ? {
          kind: 'change',
          thirdParty: tokenId === undefined ? current : markTokenSent(current, tokenId, at),
          audit: {action: 'send', extra: [{field: 'sentTo', old: null, new: sentTo}]},
        }
      : {kind: 'refused', why: 'The third party or its token is no longer in the data file.'},
});

/**
 * The record changed by `change` (a pure domain function, or one that asks); `gone` says what
 * to answer when it is not there (deleted meanwhile). A change that changes nothing writes nothing.
 */
export const changeInstruction = (
  thirdPartyId: string,
  change: (thirdParty: ThirdParty) => ThirdParty | Promise<ThirdParty>,
  gone: string,
): Instruction => ({
  thirdPartyId,
  make: async current => {
    if (!current) return {kind: 'refused', why: gone};
    const next = await change(current);
    return JSON.stringify(next) === recordText(current) ? {kind: 'unchanged'} : {kind: 'change', thirdParty: next};
  },
});

/** Deletes the record (nothing to do when it is gone already). */
export const deleteInstruction = (thirdPartyId: string): Instruction => ({
  thirdPartyId,
  make: current => (current ? {kind: 'delete'} : {kind: 'unchanged'}),
});
