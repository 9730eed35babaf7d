/** `tpa token add|expire|deactivate|activate|delete`: the token grid's changes, one per command. */
import type {Command} from 'commander';
import {addToken, deleteToken, setTokenExpiry, tokenState, toggleTokenActive} from '../domain/index.js';
import {RefusedError} from './errors.js';
import {safe} from './output.js';
import {NAME_HELP, withData, withJson, type Accept} from './program.js';
import {reportSaved, type ReportOptions} from './report.js';
import {resolveToken} from './resolve-name.js';
import {REVEAL_HELP} from './show.js';
import {changeThirdParty} from './store-session.js';
import {EXPIRES_HELP, parseExpires} from './values.js';
import {credential, localDate} from './views.js';

const TOKEN_HELP = "the token's id (or a unique start or end of it, or the token as tpa show prints it); may be left out when there is one";

export const registerTokenCommands = (program: Command, accept: Accept): void => {
  const tokens = program.command('token').description("change a third party's OAuth tokens (add, expire, deactivate, activate, delete)");

  const add = tokens
    .command('add')
    .description('add an OAuth token (six months unless --expires); older tokens keep working')
    .argument('<name>', NAME_HELP);
  withJson(withData(add))
    .option('--expires <when>', `when it expires: ${EXPIRES_HELP}`)
    .option('--reveal', 'print the new token in full')
    .action((query: string, options: ReportOptions & {expires?: string}) =>
      accept(add, async context => {
        const now = context.env.now();
        const expiresAt = options.expires === undefined ? undefined : parseExpires(options.expires, now);
        let newId = '';
        const saved = await changeThirdParty(context, query, thirdParty => {
          let changed = addToken(thirdParty, context.env);
          newId = changed.tokens[0]!.id;
          if (expiresAt !== undefined) changed = setTokenExpiry(changed, newId, expiresAt);
          return changed;
        });
        const token = saved.thirdParty.tokens.find(candidate => candidate.id === newId)!;
        const value = credential(token.token, options.reveal === true);
        const sentence = `Added token ${token.id} (${value}) to ${safe(saved.thirdParty.name)}, expires ${localDate(token.expiresAt)}. Send it with tpa send NAME --out FILE.`;
        return reportSaved(context, 'token add', saved, options, sentence, {tokenId: token.id});
      }),
    );

  const expire = tokens
    .command('expire')
    .description('change when a token expires')
    .argument('<name>', NAME_HELP)
    .argument('[token-id]', TOKEN_HELP);
  withJson(withData(expire))
    .requiredOption('--expires <when>', `the new expiry: ${EXPIRES_HELP}`)
    .action((query: string, tokenId: string | undefined, options: ReportOptions & {expires: string}) =>
      accept(expire, async context => {
        const expiresAt = parseExpires(options.expires, context.env.now());
        let changedId = '';
        const saved = await changeThirdParty(context, query, thirdParty => {
          changedId = resolveToken(thirdParty, tokenId).id;
          return setTokenExpiry(thirdParty, changedId, expiresAt);
        });
        const token = saved.thirdParty.tokens.find(candidate => candidate.id === changedId)!;
        return reportSaved(
          context,
          'token expire',
          saved,
          options,
          `Token ${token.id} of ${safe(saved.thirdParty.name)} expires ${localDate(token.expiresAt)}.`,
          {
            tokenId: token.id,
          },
        );
      }),
    );

  for (const active of [false, true]) {
    const name = active ? 'activate' : 'deactivate';
    const command = tokens
      .command(name)
      .description(
        active ? 'select Active: the token works again (unless it has expired)' : 'clear Active: the token stops working at once',
      )
      .argument('<name>', NAME_HELP)
      .argument('[token-id]', TOKEN_HELP);
    withJson(withData(command)).action((query: string, tokenId: string | undefined, options: ReportOptions) =>
      accept(command, async context => {
        let changedId = '';
        const saved = await changeThirdParty(context, query, thirdParty => {
          const token = resolveToken(thirdParty, tokenId);
          changedId = token.id;
          return token.active === active ? thirdParty : toggleTokenActive(thirdParty, token.id);
        });
        const token = saved.thirdParty.tokens.find(candidate => candidate.id === changedId)!;
        const expired = tokenState(token, context.env.now()) === 'expired';
        const sentence = saved.unchanged
          ? `Token ${token.id} was already ${active ? 'Active' : 'not Active'}; nothing written.`
          : `Token ${token.id} of ${safe(saved.thirdParty.name)} is ${active ? 'Active' : 'no longer Active'}.`;
        const note = active && expired ? ' It has expired all the same: set a new expiry with tpa token expire.' : '';
        return reportSaved(context, `token ${name}`, saved, options, sentence + note, {tokenId: token.id});
      }),
    );
  }

  const remove = tokens
    .command('delete')
    .description('delete a token for good')
    .argument('<name>', NAME_HELP)
    .argument('[token-id]', TOKEN_HELP);
  withJson(withData(remove))
    .option('--reveal', REVEAL_HELP)
    .action((query: string, tokenId: string | undefined, options: ReportOptions) =>
      accept(remove, async context => {
        let deletedId = '';
        const saved = await changeThirdParty(context, query, thirdParty => {
          deletedId = resolveToken(thirdParty, tokenId).id;
          return deleteToken(thirdParty, deletedId);
        });
        if (saved.thirdParty.tokens.some(token => token.id === deletedId)) throw new RefusedError('The token is still there.');
        return reportSaved(context, 'token delete', saved, options, `Deleted token ${deletedId} of ${safe(saved.thirdParty.name)}.`, {
          tokenId: deletedId,
        });
      }),
    );
};
