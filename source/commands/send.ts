/**
 * `tpa send NAME --out FILE | --stdout`: the OAuth information sheet of Ctrl+O (domain/oauth-sheet.ts),
 * at the public address (domain/public-address.ts), to a 0600 file (never over an existing one
 * without --force) or to standard output, recorded as sent in the data file and the audit log like
 * the console's send. A loopback address is warned of on stderr.
 */
import type {Command} from 'commander';
import {addressWarning, newestUsableToken, oauthSheet, publicAddress, sendRefusal} from '../domain/index.js';
import {describeLocation, resolveUserPath, writePrivateFile} from '../store/index.js';
import {RefusedError, UsageError} from './errors.js';
import {EXIT} from './exit-codes.js';
import {jsonText, safe} from './output.js';
import {NAME_HELP, withData, withJson, type Accept} from './program.js';
import {asCliError, openNamed, recordSent} from './store-session.js';
import {envelope} from './views.js';

interface SendOptions {
  readonly out?: string;
  readonly stdout?: boolean;
  readonly force?: boolean;
  readonly json?: boolean;
}

export const registerSend = (program: Command, accept: Accept): void => {
  const command = program
    .command('send')
    .description('write the OAuth information for the third party (secret and newest active token in full) to a 0600 file or stdout')
    .argument('<name>', NAME_HELP);
  withJson(withData(command))
    .option('--out <file>', 'write it to this file, mode 0600 (relative to the working folder, or ~/…)')
    .option('--stdout', 'print it')
    .option('--force', 'replace the --out file if it exists')
    .action((query: string, options: SendOptions) => {
      if ((options.out === undefined) === (options.stdout !== true)) throw new UsageError('Give either --out FILE or --stdout.');
      if (options.stdout && options.json) throw new UsageError('--json and --stdout do not go together: the sheet is the output.');
      accept(command, async context => {
        const {store, thirdParty} = await openNamed(context, query);
        const now = context.env.now();
        const refusal = sendRefusal(thirdParty, true, now);
        if (refusal) throw new RefusedError(refusal.replace(' (Ctrl+G).', ' with tpa token add NAME.'));
        const token = newestUsableToken(thirdParty, now);
        const address = publicAddress(store.database.settings?.issuer, await context.runningServer(context.dataFile));
        const sheet = oauthSheet(thirdParty, token, address.url);
        // Said before the sheet leaves: a third party elsewhere cannot use this machine's own address.
        const warning = addressWarning(address, 'command');
        if (warning) context.output.writeError(`tpa: warning: ${warning}\n`);
        let sentTo = 'standard output';
        if (options.out !== undefined) {
          const file = resolveUserPath(options.out, context.cwd);
          let result;
          try {
            result = await writePrivateFile(file, sheet, options.force === true);
          } catch (error) {
            throw asCliError(error, file);
          }
          if (result.kind === 'exists') throw new RefusedError(`${safe(file)} exists: add --force to replace it.`);
          sentTo = `file ${file}`;
        } else context.output.write(sheet);
        await recordSent(store, describeLocation(context.data), thirdParty.id, token?.id, sentTo);
        if (options.out !== undefined) {
          context.output.write(
            options.json
              ? jsonText(envelope('send', {thirdParty: {id: thirdParty.id, name: thirdParty.name}, tokenId: token?.id ?? null, sentTo}))
              : `Wrote the OAuth information for ${safe(thirdParty.name)} to ${safe(options.out)} (mode 0600: only you can read it).\n`,
          );
        }
        return EXIT.ok;
      });
    });
};
