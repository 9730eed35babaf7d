/** `tpa history NAME`: the audit log's entries about one third party, newest first, as Ctrl+Y shows them. */
import type {Command} from 'commander';
import type {AuditChange, AuditValue} from '../domain/index.js';
import {describeLocation} from '../store/data-location.js';
import {asCliError, openNamed} from './store-session.js';
import {EXIT} from './exit-codes.js';
import {jsonText, renderTable, safe, type Cell} from './output.js';
import {NAME_HELP, withData, withJson, type Accept} from './program.js';
import {UsageError} from './errors.js';
import {envelope, localDateTime} from './views.js';

const MAX_LIMIT = 10_000;

const valueText = (value: AuditValue): string => {
  if (value === null) return '-';
  if (typeof value !== 'object') return String(value);
  return typeof value['token'] === 'string'
    ? value['token']
    : typeof value['secret'] === 'string'
      ? value['secret']
      : JSON.stringify(value);
};

/** "enabled false→true; tokens +tpat_Xk3…9fQ2" */
const changesText = (changes: readonly AuditChange[]): string =>
  changes
    .map(change =>
      change.field === 'tokens'
        ? change.old === null
          ? `token +${valueText(change.new)}`
          : `token -${valueText(change.old)}`
        : `${change.field} ${valueText(change.old)}→${valueText(change.new)}`,
    )
    .join('; ');

export const registerHistory = (program: Command, accept: Accept): void => {
  const command = program
    .command('history')
    .description('who changed a third party, when, and what (the audit log), newest first')
    .argument('<name>', NAME_HELP);
  withJson(withData(command))
    .option('--limit <n>', `at most this many entries (1 to ${MAX_LIMIT})`, '50')
    .action((query: string, options: {json?: boolean; limit: string}) => {
      const limit = Number(options.limit);
      if (!/^\d+$/.test(options.limit) || limit < 1 || limit > MAX_LIMIT)
        throw new UsageError(`--limit takes a number from 1 to ${MAX_LIMIT}.`);
      accept(command, async context => {
        const {store, thirdParty} = await openNamed(context, query);
        let entries;
        try {
          entries = await store.readHistory(thirdParty.id, limit);
        } catch (error) {
          throw asCliError(error, describeLocation(context.data));
        }
        const {output} = context;
        if (options.json) {
          output.write(jsonText(envelope('history', {thirdParty: {id: thirdParty.id, name: thirdParty.name}, entries})));
          return EXIT.ok;
        }
        if (entries.length === 0) {
          output.write(`No history for ${safe(thirdParty.name)}.\n`);
          return EXIT.ok;
        }
        const rows = entries.map((entry): Cell[] => [
          {text: localDateTime(entry.time)},
          {text: safe(entry.actor)},
          {text: entry.action},
          {text: safe(changesText(entry.changes))},
        ]);
        output.write(
          renderTable(
            output,
            [{header: 'Time'}, {header: 'Who', shrinkOrder: 2, min: 10}, {header: 'Action'}, {header: 'Changes', shrinkOrder: 1, min: 10}],
            rows,
          ),
        );
        return EXIT.ok;
      });
    });
};
