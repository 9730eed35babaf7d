/** `tpa add NAME`: a new third party, as Ctrl+N makes it, with the callback URL, Enabled and a first token if asked. */
import type {Command} from 'commander';
import {addToken, createThirdParty, setTokenExpiry, type ThirdParty} from '../domain/index.js';
import {withData, withJson, type Accept} from './program.js';
import {reportSaved, type ReportOptions} from './report.js';
import {safe} from './output.js';
import {REVEAL_HELP} from './show.js';
import {createThirdPartyRecord} from './store-session.js';
import {EXPIRES_HELP, parseExpires} from './values.js';
import {credential} from './views.js';

interface AddOptions extends ReportOptions {
  readonly callback?: string;
  readonly enable?: boolean;
  readonly token?: boolean;
  readonly expires?: string;
}

export const registerAdd = (program: Command, accept: Accept): void => {
  const command = program
    .command('add')
    .description('add a third party: generated client ID and secret, not Enabled unless --enable')
    .argument('<name>', 'its name: unique regardless of case, at most 80 characters');
  withJson(withData(command))
    .option('--callback <url>', 'the callback URL (automatic authorization); without it: manual authorization')
    .option('--enable', 'select Enabled')
    .option('--token', 'add an OAuth token (six months unless --expires)')
    .option('--expires <when>', `the token's expiry: ${EXPIRES_HELP} (implies --token)`)
    .option('--reveal', REVEAL_HELP)
    .action((name: string, options: AddOptions) =>
      accept(command, async context => {
        const {env} = context;
        let thirdParty: ThirdParty = {
          ...createThirdParty(env, name),
          enabled: options.enable === true,
          callbackUrl: options.callback ?? null,
        };
        if (options.token || options.expires !== undefined) {
          // The expiry is checked before anything is written.
          const expiresAt = options.expires === undefined ? undefined : parseExpires(options.expires, env.now());
          thirdParty = addToken(thirdParty, env);
          if (expiresAt !== undefined) thirdParty = setTokenExpiry(thirdParty, thirdParty.tokens[0]!.id, expiresAt);
        }
        const saved = await createThirdPartyRecord(context, thirdParty);
        const added = saved.thirdParty;
        const show = (value: string) => credential(value, options.reveal === true);
        const token = added.tokens[0];
        const sentence = [
          `Added ${safe(added.name)}${added.enabled ? ' (Enabled)' : ' (not Enabled: tpa enable NAME)'}.`,
          `Client ID      ${added.clientId}`,
          `Client Secret  ${show(added.clientSecret)}`,
          ...(token ? [`OAuth Token    ${show(token.token)} (id ${token.id})`] : []),
          token ? 'Send the OAuth information with tpa send NAME --out FILE.' : 'Add a token with tpa token add NAME.',
        ].join('\n');
        return reportSaved(context, 'add', saved, options, sentence);
      }),
    );
};
