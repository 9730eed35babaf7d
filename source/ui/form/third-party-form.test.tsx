/** The form at 80×24: a long name leaves the title whole, and the hint of where authorization starts wraps. */
import test from 'ava';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {KEYS} from '../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../test/helpers/render-console.js';
import {rightPaneText} from '../../../test/helpers/screen-text.js';
import {addToken, createThirdParty, SCHEMA_VERSION} from '../../domain/index.js';

const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
const issuer = 'https://authorization-server.municipal-water-authority.example.org:8443';

test('at 80×24 a name too long for the title leaves it "Third party"; where authorization starts wraps to its end', async t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const acme = addToken({...createThirdParty(env, name), enabled: true, callbackUrl: 'https://acme.example/cb'}, env);
  const ui = await renderConsole({
    database: {schema: SCHEMA_VERSION, revision: 1, settings: {issuer}, thirdParties: [acme]},
    size: {columns: 80, rows: 24},
  });
  const frame = await ui.waitFor(frame => frame.includes('starts at') && [...frame.split('\n')[1]!].length === 80);
  ui.unmount();
  const title = frame.split('\n')[1]!;
  t.false(title.includes('…'), `the title is not cut: ${title}`);
  t.regex(title, /┐┌ Third party ─+┐$/);
  t.true(rightPaneText(frame).replaceAll(' ', '').includes(`startsat${issuer}/oauth/authorize`), rightPaneText(frame));
});

test('at 80×24, with unsaved edits, moving in the list leaves the edited record in the form and its title says so', async t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const thirdParties = [createThirdParty(env, 'Acme Payments'), createThirdParty(env, 'City Utilities')];
  const ui = await renderConsole({database: {schema: SCHEMA_VERSION, revision: 1, thirdParties}, size: {columns: 80, rows: 24}});
  await ui.waitFor('City Utilities');
  ui.press(KEYS.enter, 'x');
  await ui.waitFor('┌ Acme Paymentsx ─');
  ui.press(KEYS.shiftTab, KEYS.down);
  const frame = await ui.waitFor(/│› City Utilities/);
  ui.unmount();
  t.regex(frame, /┌ Acme Paymentsx · unsaved edits stay here ─+┐$/m);
});
