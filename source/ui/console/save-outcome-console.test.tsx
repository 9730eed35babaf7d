/** The console's answer to each kind of save outcome (domain/save-outcome.ts), over a real store and another writer. */
import test from 'ava';
import {addToken, commandActor, createThirdParty, SCHEMA_VERSION, serverActor, type Database} from '../../domain/index.js';
import {openThirdPartyStore} from '../../store/index.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {KEYS} from '../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../test/helpers/render-console.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env);
const city = createThirdParty(env, 'City Utilities');
const database: Database = {schema: SCHEMA_VERSION, revision: 4, thirdParties: [acme, city]};

/** The console open on Acme, and another writer that saved a change to it meanwhile. */
const changedMeanwhile = async (actor: string, change: Partial<typeof acme>) => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  const other = await openThirdPartyStore(ui.file, testEnvironment('2026-11-27T11:00:00.000Z', 'other'), {actor});
  const theirs = other.database.thirdParties.find(thirdParty => thirdParty.id === acme.id)!;
  const outcome = await other.saveThirdParty({...theirs, ...change});
  if (outcome.kind !== 'saved') throw new Error(outcome.kind);
  return ui;
};

test('another writer changed another field of the record: Ctrl+S saves both, and the notice says whose change to what was kept', async t => {
  const ui = await changedMeanwhile(commandActor('bob@host2'), {enabled: false});
  ui.press(KEYS.tab, 'X', KEYS.ctrl('s'));
  const frame = await ui.waitFor(/Saved \d\d:\d\d:\d\d/);
  t.regex(frame.replace(/\s+/g, ' '), /merged with bob@host2 \(cli\)'s change to Enabled/);
  t.notRegex(frame, /Changed by/);
  const saved = ui.store.database.thirdParties.find(thirdParty => thirdParty.id === acme.id)!;
  t.like(saved, {name: 'Acme PaymentsX', enabled: false});
  ui.unmount();
});

for (const [actor, title] of [
  [commandActor('bob@host2'), 'Changed by a command'],
  [serverActor('srv1'), 'Changed by the server'],
  ['carol@host3', 'Changed by another console'],
] as const) {
  test(`the same field changed by ${actor}: the dialog's title says "${title}" and names the writer as the audit log does`, async t => {
    const ui = await changedMeanwhile(actor, {name: 'Acme Ltd'});
    ui.press(KEYS.tab, 'X', KEYS.ctrl('s'));
    const frame = await ui.waitFor(title);
    t.true(frame.replace(/\s+/g, ' ').includes(actor));
    ui.unmount();
  });
}
