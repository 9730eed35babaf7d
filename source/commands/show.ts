/** `tpa show NAME|CLIENT_ID`: one third party's record; secrets and tokens shortened unless --reveal. */
import type {Command} from 'commander';
import {EXIT} from './exit-codes.js';
import {jsonText} from './output.js';
import {NAME_HELP, withData, withJson, type Accept} from './program.js';
import {describeThirdParty} from './show-third-party.js';
import {openNamed} from './store-session.js';
import {envelope, thirdPartyView} from './views.js';

export const REVEAL_HELP = 'print the client secret and the tokens in full';

export const registerShow = (program: Command, accept: Accept): void => {
  const command = program.command('show').description("show one third party's record and tokens").argument('<name>', NAME_HELP);
  withJson(withData(command))
    .option('--reveal', REVEAL_HELP)
    .action((name: string, options: {json?: boolean; reveal?: boolean}) => {
      accept(command, async context => {
        const {thirdParty} = await openNamed(context, name);
        const now = context.env.now();
        const reveal = options.reveal === true;
        context.output.write(
          options.json
            ? jsonText(envelope('show', {thirdParty: thirdPartyView(thirdParty, now, reveal)}))
            : describeThirdParty(context.output, thirdParty, now, reveal),
        );
        return EXIT.ok;
      });
    });
};
