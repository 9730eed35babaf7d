/** The commands' output module and name resolution, without a process: widths, colour, JSON, candidates. */
import test from 'ava';
import stringWidth from 'string-width';
import {AmbiguousNameError, UnknownNameError} from '../source/commands/errors.js';
import {jsonText, renderTable, terminalColumns, wantsColour} from '../source/commands/output.js';
import {resolveThirdParty, resolveToken} from '../source/commands/resolve-name.js';
import {closest} from '../source/commands/suggest.js';
import {addToken, createThirdParty} from '../source/domain/index.js';
import {testEnvironment} from './helpers/environment.js';

test('colour only on a terminal without NO_COLOR; 80 columns when not a terminal', t => {
  t.true(wantsColour(true, {}));
  t.true(wantsColour(true, {NO_COLOR: ''}));
  t.false(wantsColour(true, {NO_COLOR: '1'}));
  t.false(wantsColour(false, {}));
  t.is(terminalColumns(false, 200), 80);
  t.is(terminalColumns(true, 132), 132);
  t.is(terminalColumns(true, undefined), 80);
});

test('a table cuts its widest shrinkable column first, and wide characters count as two columns', t => {
  const rows = [
    [{text: '株式会社'.repeat(6)}, {text: 'yes'}, {text: `https://example.com/${'a'.repeat(80)}`}],
    [{text: 'Acme'}, {text: 'no', tone: 'dim' as const}, {text: '-'}],
  ];
  const columns = [{header: 'Name', shrinkOrder: 2, min: 8}, {header: 'Enabled'}, {header: 'Callback URL', shrinkOrder: 1, min: 8}];
  const text = renderTable({columns: 50, colour: false}, columns, rows);
  const lines = text.trimEnd().split('\n');
  for (const line of lines) t.true(stringWidth(line) <= 50, line);
  t.regex(lines[1]!, /^株式会社.*… +yes +https:.*…$/);
  t.notRegex(text, /\u001B/);
  t.regex(renderTable({columns: 50, colour: true}, columns, rows), /\u001B\[2mno\u001B\[22m/);
});

test('JSON escapes C1 controls and text-direction characters, and stays the same value', t => {
  const value = {name: 'Evil\u009B31m\u202Egnp.exe', plain: 'Acme'};
  const text = jsonText(value);
  t.notRegex(text, /[\u0080-\u009F\u202E]/);
  t.regex(text, /\\u009b31m\\u202egnp/);
  t.deepEqual(JSON.parse(text), value);
});

test('names: the whole name regardless of case and spaces, a client ID, or a part one name alone has; otherwise the candidates', t => {
  const env = testEnvironment();
  const acme = addToken(addToken(createThirdParty(env, 'Acme Payments'), env), env);
  const city = createThirdParty(env, 'City Utilities');
  t.is(resolveThirdParty([acme, city], '  ACME payments '), acme);
  t.is(resolveThirdParty([acme, city], city.clientId), city);
  t.is(resolveThirdParty([acme, city], 'payments'), acme);
  const short = createThirdParty(env, 'Acme');
  t.is(resolveThirdParty([acme, short], 'acme'), short, 'a whole name wins over a part of another');
  const several = t.throws(() => resolveThirdParty([acme, short, city], 'ac'), {instanceOf: AmbiguousNameError});
  t.deepEqual(several.candidates, ['Acme Payments', 'Acme']);
  const unknown = t.throws(() => resolveThirdParty([acme, city], 'Acne Paymants'), {instanceOf: UnknownNameError});
  t.deepEqual(unknown.candidates, ['Acme Payments']);
  // A hand-edited file can hold a name that is another's client ID.
  const twin = {...createThirdParty(env, city.clientId)};
  t.throws(() => resolveThirdParty([acme, city, twin], city.clientId), {instanceOf: AmbiguousNameError});

  t.throws(() => resolveToken(acme, undefined), {instanceOf: AmbiguousNameError});
  const newest = acme.tokens[0]!;
  const oldest = acme.tokens[1]!;
  t.is(resolveToken(acme, oldest.id.toLowerCase()), oldest);
  t.is(resolveToken(acme, newest.id.slice(-5)), newest);
  const unknownToken = t.throws(() => resolveToken(acme, newest.token.slice(0, -1)), {instanceOf: UnknownNameError});
  t.notRegex(unknownToken.message, new RegExp(newest.token.slice(8, 30)), 'a token typed in is never echoed whole');
});

test('suggestions: a few edits away only', t => {
  t.deepEqual(closest('lsit', ['list', 'show', 'send']), ['list']);
  t.deepEqual(closest('rotate', ['rotate-secret', 'rename']), []);
  t.deepEqual(closest('x'.repeat(10_000), ['list']), []);
});
