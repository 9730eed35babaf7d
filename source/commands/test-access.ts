/**
 * `tpa test NAME`: the checks of Ctrl+T (domain/check-access.ts) on the saved credentials and the
 * token the third party would use; with --via-server, the same test through `tpa serve` as well.
 */
import type {Command} from 'commander';
import {checkAccess, tokenToTest, type PresentedCredentials} from '../domain/index.js';
import {RefusedError} from './errors.js';
import {EXIT} from './exit-codes.js';
import {jsonText, paint, safe, type Output} from './output.js';
import {NAME_HELP, withData, withJson, type Accept} from './program.js';
import {openNamed} from './store-session.js';
import {envelope} from './views.js';
import type {ServerAnswerView} from './context.js';

export const registerTest = (program: Command, accept: Accept): void => {
  const command = program
    .command('test')
    .description('test the access of a third party as it would (the checks of Ctrl+T); exit 0 granted, 1 denied')
    .argument('<name>', NAME_HELP);
  withJson(withData(command))
    .option('--via-server', 'test through the running tpa serve as well (introspection, then the ping)')
    .action((query: string, options: {json?: boolean; viaServer?: boolean}) =>
      accept(command, async context => {
        const {store, thirdParty} = await openNamed(context, query);
        const now = context.env.now();
        const token = tokenToTest(thirdParty, now);
        const presented: PresentedCredentials = {
          clientId: thirdParty.clientId,
          clientSecret: thirdParty.clientSecret,
          token: token?.token ?? '',
          callbackUrl: thirdParty.callbackUrl ?? '',
        };
        const verdict = checkAccess(presented, store.database.thirdParties, now);
        let server: {url: string; introspect: ServerAnswerView; ping: ServerAnswerView; granted: boolean} | null = null;
        if (options.viaServer) {
          // On a database the servers may all be on other machines: reached at the public address saved with the data.
          const access = context.serverAccess(
            context.dataFile,
            context.data.kind === 'postgres' ? {publicAddress: () => store.database.settings?.issuer} : {},
          );
          const found = await access.findServer();
          if (!found.running) throw new RefusedError(`No test through the server: ${found.why}.`);
          try {
            server = {url: found.url, ...(await access.testThroughServer(found.url, presented))};
          } catch (error) {
            throw new RefusedError(`${found.url} did not answer: ${error instanceof Error ? error.message : String(error)}.`);
          }
        }
        const granted = verdict.granted && (server === null || server.granted);
        const {output} = context;
        if (options.json) {
          output.write(
            jsonText(
              envelope('test', {
                granted,
                thirdParty: {id: thirdParty.id, name: thirdParty.name},
                tokenId: token?.id ?? null,
                checks: verdict.checks.map(({id, label, passed, skipped, reason}) => ({id, label, passed, skipped, reason})),
                troubleshooting: verdict.troubleshooting ?? null,
                server,
              }),
            ),
          );
        } else output.write(describe(output, thirdParty.name, token?.id, verdict, server, granted));
        return granted ? EXIT.ok : EXIT.warning;
      }),
    );
};

const describe = (
  output: Output,
  name: string,
  tokenId: string | undefined,
  verdict: ReturnType<typeof checkAccess>,
  server: {url: string; introspect: ServerAnswerView; ping: ServerAnswerView; granted: boolean} | null,
  granted: boolean,
): string => {
  const lines = [
    `${granted ? paint(output, 'good', 'Access granted') : paint(output, 'bad', 'Access denied')} for ${safe(name)}${tokenId ? ` (token ${tokenId})` : ' (no token)'}`,
  ];
  const width = Math.max(...verdict.checks.map(check => check.label.length));
  for (const check of verdict.checks) {
    const mark = check.passed ? paint(output, 'good', '✔') : check.skipped ? paint(output, 'dim', '–') : paint(output, 'bad', '✘');
    lines.push(`  ${mark} ${check.label.padEnd(width)}  ${safe(check.reason)}`);
  }
  if (verdict.troubleshooting) lines.push(`What to look at: ${verdict.troubleshooting}`);
  if (server) {
    const answer = (label: string, view: ServerAnswerView) => `${label} ${view.status} ${safe(view.summary)} (${Math.round(view.ms)} ms)`;
    lines.push(
      `Through ${server.url}: ${answer('introspection', server.introspect)}, ${answer('ping', server.ping)}: ${server.granted ? 'granted' : 'denied'}`,
    );
  }
  return `${lines.join('\n')}\n`;
};
