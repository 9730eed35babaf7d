/**
 * `tpa expiring [--within 14d]`: a check for cron and monitoring, with the Nagios plugin exit
 * codes. Only Enabled third parties count (a disabled one has no access to lose):
 * CRITICAL (2) when one has a token that has expired with its Active box still selected (it was
 * meant to work; clear Active or delete it once renewed), WARNING (1) when an Active token
 * expires within the window or one has no usable token (unless it has a callback URL and was
 * never authorized: it gets its token itself), else OK (0).
 */
import type {Command} from 'commander';
import {awaitingAuthorization, calendarDaysUntil, compareByName, expiryNote, isUsable, tokenState} from '../domain/index.js';
import {EXIT} from './exit-codes.js';
import {jsonText, paint, renderTable, safe, type Cell} from './output.js';
import {withData, withJson, type Accept} from './program.js';
import {openStore} from './store-session.js';
import {parseDays} from './values.js';
import {envelope, localDate} from './views.js';

type ProblemKind = 'expired' | 'expiring' | 'noActiveToken';

interface Problem {
  readonly thirdParty: {readonly id: string; readonly name: string};
  readonly kind: ProblemKind;
  readonly tokenId: string | null;
  readonly expiresAt: string | null;
  /** Local calendar days until the expiry (negative: since); null without a token. */
  readonly days: number | null;
}

const STATUS = {0: 'OK', 1: 'WARNING', 2: 'CRITICAL'} as const;

export const registerExpiring = (program: Command, accept: Accept): void => {
  const command = program
    .command('expiring')
    .description(
      'for cron and monitoring: expired or expiring tokens, Enabled third parties without an active token (exit 0 OK, 1 WARNING, 2 CRITICAL)',
    );
  withJson(withData(command))
    .option('--within <days>', 'the warning window in whole days, such as 14d', '14d')
    .action((options: {json?: boolean; within: string}) => {
      const within = parseDays('--within', options.within);
      accept(command, async context => {
        const store = await openStore(context, {mustExist: true});
        const now = context.env.now();
        const problems: Problem[] = [];
        for (const thirdParty of [...store.database.thirdParties].sort(compareByName)) {
          if (!thirdParty.enabled) continue;
          const who = {id: thirdParty.id, name: thirdParty.name};
          for (const token of thirdParty.tokens) {
            const note = expiryNote(token, now, within);
            const expired = token.active && tokenState(token, now) === 'expired';
            if (!expired && note?.kind !== 'expiring') continue;
            const days = token.expiresAt === null ? null : calendarDaysUntil(new Date(token.expiresAt), now);
            problems.push({thirdParty: who, kind: expired ? 'expired' : 'expiring', tokenId: token.id, expiresAt: token.expiresAt, days});
          }
          // One that gets its token itself and has not yet is no warning (tpa list says "not authorized yet").
          if (!thirdParty.tokens.some(token => isUsable(token, now)) && !awaitingAuthorization(thirdParty, now))
            problems.push({thirdParty: who, kind: 'noActiveToken', tokenId: null, expiresAt: null, days: null});
        }
        const code = problems.some(problem => problem.kind === 'expired') ? EXIT.critical : problems.length > 0 ? EXIT.warning : EXIT.ok;
        const {output} = context;
        if (options.json) {
          output.write(jsonText(envelope('expiring', {status: STATUS[code], withinDays: within, problems})));
          return code;
        }
        const counts = (kind: ProblemKind) => problems.filter(problem => problem.kind === kind).length;
        const summary =
          code === EXIT.ok
            ? `no Active token of an Enabled third party expires within ${within} days`
            : `${counts('expired')} expired, ${counts('expiring')} expiring within ${within} days, ${counts('noActiveToken')} without an active token`;
        const tone = code === EXIT.critical ? 'bad' : code === EXIT.warning ? 'warn' : 'good';
        output.write(`${paint(output, tone, `TPA ${STATUS[code]}`)}: ${summary}\n`);
        if (problems.length > 0) {
          const rows = problems.map((problem): Cell[] => [
            {text: safe(problem.thirdParty.name)},
            problem.kind === 'expired'
              ? {text: 'expired', tone: 'bad'}
              : problem.kind === 'expiring'
                ? {text: problem.days !== null && problem.days <= 0 ? 'expires today' : `in ${problem.days} days`, tone: 'warn'}
                : {text: 'no active token', tone: 'warn'},
            {text: problem.expiresAt ? localDate(problem.expiresAt) : '-'},
            {text: problem.tokenId ? safe(problem.tokenId) : '-'},
          ]);
          output.write(
            renderTable(
              output,
              [
                {header: 'Name', shrinkOrder: 1, min: 12},
                {header: 'Problem'},
                {header: 'Expires'},
                {header: 'Token ID', shrinkOrder: 2, min: 10},
              ],
              rows,
            ),
          );
        }
        return code;
      });
    });
};
