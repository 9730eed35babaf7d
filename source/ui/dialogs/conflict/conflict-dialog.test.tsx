/** The conflict dialog: the third party named whole (a long name wraps), the author as the audit log names it, one key line. */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {testEnvironment} from '../../../../test/helpers/environment.js';
import {KEYS} from '../../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../../test/helpers/render-console.js';
import {rightPaneText} from '../../../../test/helpers/screen-text.js';
import {createThirdParty, SCHEMA_VERSION} from '../../../domain/index.js';
import {openThirdPartyStore} from '../../../store/index.js';
import {layoutFor} from '../../console/layout.js';
import {ConflictDialog} from './conflict-dialog.js';

test('a long name in the conflict message is there to its end', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
  const theirs = createThirdParty(env, name);
  const layout = layoutFor(80, 24);
  const {lastFrame, unmount} = render(
    <ConflictDialog
      dialog={{
        kind: 'conflict',
        choice: 0,
        conflict: {thirdPartyId: theirs.id, mine: theirs, theirs, changedBy: {actor: 'bob@host', at: env.now(), action: 'update'}},
      }}
      width={layout.formWidth}
      height={layout.paneRows + 2}
    />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  t.false(frame.includes('…'));
  t.regex(frame.replaceAll(/[\s│]+/g, ' '), /Greater Metropolitan Region Ltd was changed by bob@host/);
});

const conflictWith = async (actor: string) => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const acme = createThirdParty(env, 'Acme Payments');
  const ui = await renderConsole({database: {schema: SCHEMA_VERSION, revision: 1, thirdParties: [acme]}, size: {columns: 80, rows: 24}});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.enter, 'X');
  await ui.waitFor('● modified');
  // The same field changed elsewhere: a real conflict, whatever is merged field by field.
  const other = await openThirdPartyStore(ui.file, env, {actor});
  await other.saveThirdParty({...other.database.thirdParties[0]!, name: 'Acme Ltd'});
  ui.press(KEYS.ctrl('s'));
  const frame = await ui.waitFor('Reload theirs');
  ui.unmount();
  return frame;
};

/** The right pane without the footer: what the dialog itself says. */
const dialogText = (frame: string) => rightPaneText(frame);

for (const [actor, title] of [
  ['alice@host (cli)', 'Changed by a command: alice@host (cli)'],
  ['automatic authorization (tpa serve on host)', 'Changed by the server: automatic authorization (tpa serve on host)'],
  ['bob@host', 'Changed by another console: bob@host'],
] as const) {
  test(`at 80×24 a conflict with ${actor} names the author as the audit log does, in the title`, async t => {
    const frame = await conflictWith(actor);
    const top = frame.split('\n')[1]!;
    // The whole title where it fits in the pane's border (54 columns at 80×24), else its short form.
    t.true(top.includes(`┌ ${title.length <= 54 ? title : title.split(':')[0]!} ─`), top);
    t.regex(dialogText(frame), new RegExp(`changed by ${actor.replace(/[()]/g, '\\$&')} at`), 'the message names it whole');
  });
}

test('at 80×24 the conflict dialog has one key line, made from its bindings, without the deleted-file keys', async t => {
  const frame = await conflictWith('alice@host (cli)');
  const text = dialogText(frame);
  t.is(text.split('R reload theirs').length - 1, 1, text);
  t.false(frame.includes('W write everything'), frame);
  t.false(text.includes('Write everything'), text);
  t.notRegex(frame, /│ +· /, 'a wrapped key line breaks between keys, never before a "·"');
});
