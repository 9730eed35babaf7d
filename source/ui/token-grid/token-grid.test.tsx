/** The token grid at 80×24 and wider: one column between columns whatever the values, and more of the token where there is room. */
import test from 'ava';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {renderConsole} from '../../../test/helpers/render-console.js';
import {addToken, createThirdParty, SCHEMA_VERSION, type ThirdParty} from '../../domain/index.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');

/** A third party with a manual token and, newer, one issued by automatic authorization ("never (auto)"). */
const withAutomaticToken = (): ThirdParty => {
  const manual = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://acme.example/cb'}, env);
  const automatic = {...addToken(manual, env).tokens[0]!, expiresAt: null, origin: 'automatic' as const};
  return {...manual, tokens: [automatic, ...manual.tokens]};
};

const gridRows = (frame: string): string[] => frame.split('\n').filter(line => line.includes('tpat_'));

for (const size of [
  {columns: 80, rows: 24},
  {columns: 120, rows: 40},
]) {
  test(`at ${size.columns}×${size.rows} every grid column is followed by a space, "never (auto)" included`, async t => {
    const acme = withAutomaticToken();
    const ui = await renderConsole({database: {schema: SCHEMA_VERSION, revision: 1, thirdParties: [acme]}, size});
    const frame = await ui.waitFor('never (auto)');
    ui.unmount();
    const rows = gridRows(frame);
    t.is(rows.length, 2, frame);
    t.regex(rows[0]!, /2026-11-27 never \(auto\) tpat_\S+ \[x\] +never/, rows[0]);
    t.regex(rows[1]!, /2026-11-27 2027-05-27 +tpat_\S+ \[x\] +never/, rows[1]);
  });
}

test('at 120×40 the grid shows more of the token than at 80×24', async t => {
  const acme = withAutomaticToken();
  const token = acme.tokens[1]!.token;
  const shownAt = async (columns: number, rows: number) => {
    const ui = await renderConsole({database: {schema: SCHEMA_VERSION, revision: 1, thirdParties: [acme]}, size: {columns, rows}});
    const frame = await ui.waitFor('never (auto)');
    ui.unmount();
    return /tpat_\S+/.exec(gridRows(frame)[1]!)![0];
  };
  const narrow = await shownAt(80, 24);
  const wide = await shownAt(120, 40);
  t.true(wide.length > narrow.length + 10, `${narrow} → ${wide}`);
  const [head, tail] = wide.split('…');
  t.true(token.startsWith(head!) && token.endsWith(tail ?? ''), wide);
});
