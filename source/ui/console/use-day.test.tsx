/** The console follows the clock: left open past midnight, its expiry marks and "in N days" are right the next day. */
import test from 'ava';
import {addToken, createThirdParty, SCHEMA_VERSION, setTokenExpiry} from '../../domain/index.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {renderConsole} from '../../../test/helpers/render-console.js';

test("a console left open past midnight shows the next day's expiry without a key pressed", async t => {
  const fixture = testEnvironment('2026-11-20T10:00:00.000Z', 'fixture');
  const acme = addToken({...createThirdParty(fixture, 'Acme Payments'), enabled: true}, fixture);
  const expiring = setTokenExpiry(acme, acme.tokens[0]!.id, new Date('2026-11-29T12:00:00.000Z'));
  // Three hundred milliseconds before midnight (TZ=UTC in the tests).
  const env = testEnvironment('2026-11-27T23:59:59.700Z');
  const ui = await renderConsole({database: {schema: SCHEMA_VERSION, revision: 1, thirdParties: [expiring]}, env});
  await ui.waitFor('in 2 days');
  env.setNow('2026-11-28T00:00:00.100Z');
  const frame = await ui.waitFor('in 1 day', 3000);
  t.false(frame.includes('in 2 days'));
  ui.unmount();
});
