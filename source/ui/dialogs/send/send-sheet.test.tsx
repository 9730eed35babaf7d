/** Ctrl+O's sheet at 80×24: a sheet longer than the pane scrolls to its last line and says where it is. */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {testEnvironment} from '../../../../test/helpers/environment.js';
import {PAGES_80X24} from '../../../../test/helpers/console-reducer.js';
import {addToken, createThirdParty} from '../../../domain/index.js';
import {addressOf} from '../../console/public-address.js';
import {createConsoleReducer, initialConsoleState} from '../../console/console-reducer.js';
import {layoutFor} from '../../console/layout.js';
import type {ConsoleState, Pages} from '../../console/state.js';
import {footerLine, helpSections} from '../../key-contexts.js';
import {fitHints} from '../../keys/footer.js';
import type {KeyPress} from '../../keys/keys.js';
import {pageRows} from '../../widgets/scroll.js';
import {savedThirdParty} from '../../console/draft.js';
import {SendSheet} from './send-sheet.js';

// The sizes app.tsx gives at 80×24.
const layout = layoutFor(80, 24);
const HEIGHT = layout.paneRows + 2;
const PAGES: Pages = {...PAGES_80X24, helpPage: pageRows(HEIGHT), paneWidth: layout.formWidth};

const key = (name: string): KeyPress => ([...name].length === 1 ? {name: 'text', text: name} : {name, text: ''});

const openSheet = (options: {token?: boolean; sheetFolder?: string; issuer?: string} = {}) => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const made = {...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://payments.acme.example/oauth/callback'};
  const acme = options.token ? addToken(made, env) : made;
  const reduce = createConsoleReducer(env);
  let state: ConsoleState = {...initialConsoleState([acme], env, {sheetFolder: options.sheetFolder}), savedIssuer: options.issuer};
  const press = (...names: string[]) => {
    for (const name of names) state = reduce(state, {type: 'key', key: key(name), pages: PAGES});
  };
  press('ctrl+o');
  return {
    press,
    get state(): ConsoleState {
      return state;
    },
    now: env.now(),
    acme,
  };
};

const frameOf = (state: ConsoleState): string => {
  const dialog = state.dialog;
  if (dialog?.kind !== 'send') throw new Error('the sheet is not open');
  const thirdParty = savedThirdParty(state, dialog.thirdPartyId)!;
  const token = thirdParty.tokens.find(candidate => candidate.id === dialog.tokenId);
  const {lastFrame, unmount} = render(
    <SendSheet dialog={dialog} thirdParty={thirdParty} token={token} address={addressOf(state)} width={layout.formWidth} height={HEIGHT} />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
};

test('at 80×24 the sheet for a third party with a callback URL scrolls to its last line, and says where it is', t => {
  const ui = openSheet();
  const first = frameOf(ui.state);
  t.is(first.split('\n').length, HEIGHT, 'the sheet stays inside its pane');
  t.regex(first, /Third Party Name +Acme Payments/);
  t.regex(first, /lines 1–\d+ of \d+/, 'it says which lines are shown');
  t.false(first.includes('gives it back'), 'the last line is below');
  ui.press('end');
  const last = frameOf(ui.state);
  t.true(last.includes('gives it back'), 'End shows the last line');
  t.regex(last, /lines \d+–(\d+) of \1 \(the end\)/);
  ui.press('home');
  t.is(frameOf(ui.state), first, 'Home goes back to the top');
  ui.press('pagedown');
  t.not(frameOf(ui.state), first, 'PgDn moves a page');
  ui.press('up');
  t.is(ui.state.dialog?.kind, 'send');
});

test('the footer and F1 name the sheet scroll keys, from its binding table', t => {
  const ui = openSheet();
  const {hints} = footerLine({state: ui.state, now: ui.now});
  const shown = fitHints(hints, 80);
  t.true(
    shown.some(hint => hint.key === '↑↓' && hint.text === 'scroll'),
    `the footer at 80 columns: ${JSON.stringify(shown)}`,
  );
  const help = helpSections().find(section => section.title === 'In Copy OAuth Information');
  t.true(help?.lines.some(line => line.keys.startsWith('↑') && line.description === 'scroll a line up') ?? false, 'F1 lists them');
  t.true(hints.some(hint => hint.key === 'C' && hint.text === 'copy'));
});

test('with a callback URL and a token: the token and its test command, then the flow; a loopback address is warned of first', t => {
  const ui = openSheet({token: true});
  const first = frameOf(ui.state);
  t.regex(first, /⚠ http:\/\/127\.0\.0\.1:8787 is this machine's own/, 'before C or W, at the top');
  t.regex(first, /OAuth Token +tpat_\w{3}…\w{4}/);
  ui.press('pagedown');
  const middle = frameOf(ui.state);
  ui.press('end');
  const last = frameOf(ui.state);
  t.true(last.includes('gives it back'), 'the flow too');
  const text = first + middle + last;
  t.regex(text, /Test your access/);
  t.regex(text, /http:\/\/127\.0\.0\.1:8787\/oauth\/introspect/);
});

test('a public issuer: no warning; W offers the file beside the data file, its full path shown', t => {
  const ui = openSheet({issuer: 'https://tpa.example.com', sheetFolder: '/srv/tpa/data'});
  t.notRegex(frameOf(ui.state), /⚠/);
  ui.press('w');
  t.regex(frameOf(ui.state), /› File \/srv\/tpa\/data\/acme-payments-oauth\.txt/);
});
