/** `tpa enable|disable|rename|callback|approval|rotate-secret|delete`: the console's field changes, one per command. */
import type {Command} from 'commander';
import {approvalOf, rotateClientSecret, type Approval, type ThirdParty} from '../domain/index.js';
import {UsageError} from './errors.js';
import {EXIT} from './exit-codes.js';
import {jsonText, safe} from './output.js';
import {NAME_HELP, withData, withJson, type Accept} from './program.js';
import {reportSaved, type ReportOptions} from './report.js';
import {REVEAL_HELP} from './show.js';
import {changeThirdParty, deleteThirdPartyRecord} from './store-session.js';
import {parseGrace} from './values.js';
import {credential, envelope, localDateTime} from './views.js';

const APPROVALS: readonly Approval[] = ['ask', 'automatic'];

export const registerThirdPartyCommands = (program: Command, accept: Accept): void => {
  for (const enabled of [true, false]) {
    const name = enabled ? 'enable' : 'disable';
    const command = program
      .command(name)
      .description(enabled ? "select Enabled: the third party's access is on" : "clear Enabled: the third party's access is off at once")
      .argument('<name>', NAME_HELP);
    withJson(withData(command)).action((query: string, options: ReportOptions) =>
      accept(command, async context => {
        const saved = await changeThirdParty(context, query, (thirdParty): ThirdParty => ({...thirdParty, enabled}));
        const what = safe(saved.thirdParty.name);
        const sentence = saved.unchanged ? `${what} was already ${name}d; nothing written.` : `${what} is ${name}d.`;
        return reportSaved(context, name, saved, options, sentence);
      }),
    );
  }

  const rename = program
    .command('rename')
    .description('rename a third party')
    .argument('<name>', NAME_HELP)
    .argument('<new-name>', 'the new name');
  withJson(withData(rename)).action((query: string, newName: string, options: ReportOptions) =>
    accept(rename, async context => {
      const saved = await changeThirdParty(context, query, thirdParty => ({...thirdParty, name: newName}));
      return reportSaved(context, 'rename', saved, options, `Renamed to ${safe(saved.thirdParty.name)}.`);
    }),
  );

  const callback = program
    .command('callback')
    .description('set the callback URL (automatic authorization), or remove it with --none (manual authorization)')
    .argument('<name>', NAME_HELP)
    .argument('[url]', 'https://…, or http:// to a loopback host');
  withJson(withData(callback))
    .option('--none', 'remove the callback URL')
    .action((query: string, url: string | undefined, options: ReportOptions & {none?: boolean}) => {
      if ((url === undefined) === (options.none !== true)) throw new UsageError('Give either a callback URL or --none.');
      accept(callback, async context => {
        const saved = await changeThirdParty(context, query, thirdParty => ({
          ...thirdParty,
          callbackUrl: options.none ? null : (url ?? null),
        }));
        const after = saved.thirdParty.callbackUrl;
        const sentence = after
          ? `Callback URL of ${safe(saved.thirdParty.name)}: ${safe(after)} (automatic authorization).`
          : `${safe(saved.thirdParty.name)} has no callback URL (manual authorization).`;
        return reportSaved(context, 'callback', saved, options, sentence);
      });
    });

  const approval = program
    .command('approval')
    .description("automatic authorization's approval: ask (an admin approves each request with Ctrl+W) or automatic (at once)")
    .argument('<name>', NAME_HELP)
    .argument('<approval>', 'ask or automatic');
  withJson(withData(approval)).action((query: string, value: string, options: ReportOptions) => {
    const chosen = APPROVALS.find(candidate => candidate === value.trim().toLowerCase());
    if (!chosen) throw new UsageError(`Approval is ask or automatic, not '${safe(value)}'.`);
    accept(approval, async context => {
      const saved = await changeThirdParty(context, query, (thirdParty): ThirdParty =>
        approvalOf(thirdParty) === chosen ? thirdParty : {...thirdParty, approval: chosen},
      );
      const {thirdParty} = saved;
      const what = `${safe(thirdParty.name)}: approval ${approvalOf(thirdParty)}`;
      const later = thirdParty.callbackUrl ? '' : ' (it applies once a callback URL is set)';
      return reportSaved(context, 'approval', saved, options, saved.unchanged ? `${what} already; nothing written.` : `${what}${later}.`);
    });
  });

  const rotate = program
    .command('rotate-secret')
    .description('generate a new client secret; the previous one keeps working for the grace period')
    .argument('<name>', NAME_HELP);
  withJson(withData(rotate))
    .option('--grace <hours>', 'how long the previous secret keeps working, 0 to 720 hours (0 stops it at once)', '24h')
    .option('--reveal', REVEAL_HELP)
    .action((query: string, options: ReportOptions & {grace: string}) => {
      accept(rotate, async context => {
        // Checked before the file is opened: a refused grace period writes nothing.
        const hours = parseGrace(options.grace);
        const saved = await changeThirdParty(context, query, thirdParty => rotateClientSecret(thirdParty, context.env, hours));
        const {thirdParty} = saved;
        const secret = credential(thirdParty.clientSecret, options.reveal === true);
        const previous = thirdParty.previousClientSecret;
        const until = previous ? `the previous one works until ${localDateTime(previous.validUntil)}` : 'the previous one no longer works';
        const sentence = `New client secret of ${safe(thirdParty.name)}: ${secret}; ${until}. Send the OAuth information again (tpa send).`;
        return reportSaved(context, 'rotate-secret', saved, options, sentence);
      });
    });

  const remove = program
    .command('delete')
    .description('delete a third party and its tokens for good (needs --yes)')
    .argument('<name>', NAME_HELP);
  withJson(withData(remove))
    .option('--yes', 'confirm: nothing of it is left')
    .action((query: string, options: {json?: boolean; yes?: boolean}) => {
      if (!options.yes) throw new UsageError(`tpa delete removes the third party and its tokens for good: add --yes to confirm.`);
      accept(remove, async context => {
        const deleted = await deleteThirdPartyRecord(context, query);
        context.output.write(
          options.json
            ? jsonText(envelope('delete', {deleted: {id: deleted.id, name: deleted.name, clientId: deleted.clientId}}))
            : `Deleted ${safe(deleted.name)}.\n`,
        );
        return EXIT.ok;
      });
    });
};
