/** The record of one third party for people: its fields, then its tokens. Used by `show` and after every change. */
import {
  approvalText,
  authorizationOf,
  awaitingAuthorization,
  describeExpiryNote,
  expiryNote,
  isPreviousSecretValid,
  neverExpiresText,
  tokenState,
  type ThirdParty,
} from '../domain/index.js';
import {paint, renderFields, renderTable, safe, type Cell, type Output} from './output.js';
import {credential, localDate, localDateTime} from './views.js';

export const describeThirdParty = (output: Output, thirdParty: ThirdParty, now: Date, reveal: boolean): string => {
  const show = (value: string) => credential(value, reveal);
  const previous = thirdParty.previousClientSecret;
  const fields: [string, Cell][] = [
    ['Third Party Name', {text: safe(thirdParty.name)}],
    ['Client ID', {text: safe(thirdParty.clientId)}],
    ['Client Secret', {text: show(thirdParty.clientSecret), whole: reveal}],
  ];
  if (previous && isPreviousSecretValid(thirdParty, now))
    fields.push(['Previous Secret', {text: `${show(previous.secret)} valid until ${localDateTime(previous.validUntil)}`, whole: reveal}]);
  fields.push(
    ['Enabled', thirdParty.enabled ? {text: 'yes', tone: 'good'} : {text: 'no', tone: 'dim'}],
    ['Callback URL', {text: thirdParty.callbackUrl ? safe(thirdParty.callbackUrl) : 'none'}],
    [
      'Authorization',
      {
        text:
          authorizationOf(thirdParty) === 'manual'
            ? 'manual (no callback URL)'
            : `automatic (callback URL set)${awaitingAuthorization(thirdParty, now) ? ', not authorized yet' : ''}`,
      },
    ],
    ['Approval', {text: approvalText(thirdParty)}],
  );
  let text = renderFields(output, fields);
  if (thirdParty.tokens.length === 0) return `${text}${paint(output, 'dim', 'No OAuth tokens: tpa token add NAME adds one.')}\n`;
  const rows = thirdParty.tokens.map((token): Cell[] => {
    const state = tokenState(token, now);
    const note = expiryNote(token, now);
    return [
      {text: safe(token.id)},
      {text: localDate(token.createdAt)},
      {
        text: token.expiresAt === null ? neverExpiresText(token) : localDate(token.expiresAt),
        ...(note ? {tone: note.kind === 'expired' ? 'bad' : 'warn'} : {}),
      },
      {text: show(token.token)},
      state === 'active'
        ? {text: note ? describeExpiryNote(note) : 'active', tone: note ? 'warn' : 'good'}
        : {text: state, tone: state === 'expired' ? 'bad' : 'dim'},
    ];
  });
  text += '\n';
  text += renderTable(
    output,
    [
      // Revealed, token and token ID are printed whole, however wide: they are there to be copied.
      {header: 'Token ID', ...(reveal ? {} : {shrinkOrder: 2, min: 10})},
      {header: 'Created'},
      {header: 'Expires'},
      {header: 'OAuth Token', ...(reveal ? {} : {shrinkOrder: 1, min: 14})},
      {header: 'State'},
    ],
    rows,
  );
  return text;
};
