/** `tpa list`: one line per third party, as the console's list shows them, with filters for scripts. */
import type {Command} from 'commander';
import {
  approvalOf,
  awaitingAuthorization,
  compareByName,
  EXPIRING_WITHIN_DAYS,
  expiryNote,
  tokenState,
  type ThirdParty,
} from '../domain/index.js';
import {UsageError} from './errors.js';
import {EXIT} from './exit-codes.js';
import {jsonText, paint, renderTable, safe, truncate, type Cell} from './output.js';
import {withData, withJson, type Accept} from './program.js';
import {openStore} from './store-session.js';
import {parseDays} from './values.js';
import {envelope, summaryView, tokenCounts} from './views.js';

interface ListOptions {
  readonly json?: boolean;
  readonly expiring?: string;
  readonly expired?: boolean;
  readonly disabled?: boolean;
  readonly names?: boolean;
}

export const registerList = (program: Command, accept: Accept): void => {
  const command = program
    .command('list')
    .description('list the third parties: enabled, tokens active/expiring/expired, authorization, approval, callback URL');
  withJson(withData(command))
    .option('--expiring <days>', 'only those with an active token that expires within the window, such as 14d')
    .option('--expired', 'only those with an expired token')
    .option('--disabled', 'only those not Enabled')
    .option('--names', 'only the names, one per line (for scripts and shell completion)')
    .action((options: ListOptions) => {
      if (options.names && options.json) throw new UsageError('--names and --json do not go together: choose one.');
      const within = options.expiring === undefined ? undefined : parseDays('--expiring', options.expiring);
      accept(command, async context => {
        const store = await openStore(context, {mustExist: true});
        const now = context.env.now();
        const chosen = [...store.database.thirdParties]
          .sort(compareByName)
          .filter(thirdParty => selected(thirdParty, options, within, now));
        const {output} = context;
        if (options.names) {
          output.write(chosen.map(thirdParty => `${safe(thirdParty.name)}\n`).join(''));
          return EXIT.ok;
        }
        if (options.json) {
          output.write(jsonText(envelope('list', {thirdParties: chosen.map(thirdParty => summaryView(thirdParty, now))})));
          return EXIT.ok;
        }
        if (chosen.length === 0) {
          output.write(
            store.database.thirdParties.length === 0 ? 'No third parties yet: tpa add NAME adds one.\n' : 'No third party matches.\n',
          );
          return EXIT.ok;
        }
        const rows = chosen.map((thirdParty): Cell[] => {
          const counts = tokenCounts(thirdParty, now, within);
          const tokens = `${counts.active}/${counts.expiring}/${counts.expired}`;
          return [
            {text: safe(thirdParty.name)},
            thirdParty.enabled ? {text: 'yes', tone: 'good'} : {text: 'no', tone: 'dim'},
            awaitingAuthorization(thirdParty, now)
              ? {text: 'not authorized yet', tone: 'dim'}
              : {text: tokens, ...(counts.expired > 0 ? {tone: 'bad' as const} : counts.expiring > 0 ? {tone: 'warn' as const} : {})},
            {text: thirdParty.callbackUrl ? 'automatic' : 'manual'},
            // Approval applies to automatic authorization only.
            {text: thirdParty.callbackUrl ? approvalOf(thirdParty) : '-'},
            {text: thirdParty.callbackUrl ? safe(thirdParty.callbackUrl) : '-'},
          ];
        });
        output.write(
          renderTable(
            output,
            [
              {header: 'Name', shrinkOrder: 2, min: 8},
              {header: 'Enabled'},
              {header: 'Tokens'},
              {header: 'Auth'},
              {header: 'Approval'},
              {header: 'Callback URL', shrinkOrder: 1, min: 8},
            ],
            rows,
          ),
        );
        output.write(
          `${paint(output, 'dim', truncate(`Tokens: active/expiring within ${within ?? EXPIRING_WITHIN_DAYS} days/expired`, output.columns))}\n`,
        );
        return EXIT.ok;
      });
    });
};

const selected = (thirdParty: ThirdParty, options: ListOptions, within: number | undefined, now: Date): boolean => {
  if (options.disabled && thirdParty.enabled) return false;
  if (options.expired && !thirdParty.tokens.some(token => tokenState(token, now) === 'expired')) return false;
  if (within !== undefined && !thirdParty.tokens.some(token => expiryNote(token, now, within)?.kind === 'expiring')) return false;
  return true;
};
