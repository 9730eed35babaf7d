/**
// Serial: pseudo-terminal tests compete for two cores with the rest of the suite.
 * Hostile text from a hand-edited file, pasted, or typed: drawn harmlessly, refused with a
 * message, and never able to change the window title or the clipboard or to break the layout.
 */
import {readFileSync} from 'node:fs';
import test, {type ExecutionContext} from 'ava';
import {createThirdParty, withoutUnsafeCharacters} from '../source/domain/index.js';
import {parseDatabase} from '../source/store/index.js';
import {databaseOf, freshFolder, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {HOSTILE_CORPUS, INJECTED_OUTPUT} from './helpers/hostile-corpus.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {WAIT} from './helpers/screen-text.js';
import {rightPaneText, settledLayoutProblem} from './helpers/screen-text.js';

const watch = (t: ExecutionContext, console: PtyConsole) => {
  const titles: string[] = [];
  console.terminal.onTitleChange(title => titles.push(title));
  t.teardown(() => {
    if (console.exitCode === undefined) console.kill('SIGKILL');
  });
  return {
    check: async (step: string) => {
      t.is(await settledLayoutProblem(console), undefined, `layout after ${step}`);
      t.deepEqual(titles, [], `title after ${step}`);
      const injected = INJECTED_OUTPUT.exec(console.output);
      t.is(
        injected,
        null,
        `output after ${step}: ${JSON.stringify(console.output.slice(Math.max(0, (injected?.index ?? 0) - 20), (injected?.index ?? 0) + 20))}`,
      );
    },
  };
};

test.serial(
  'hostile names and callback URLs in a hand-edited file are drawn harmlessly, and kept byte for byte when another record is saved',
  async t => {
    const env = testEnvironment();
    const thirdParties = HOSTILE_CORPUS.map(({text}) => ({...createThirdParty(env, text), callbackUrl: `https://x.example/${text}`}));
    const plain = createThirdParty(env, 'Zulu Plain');
    const file = writeDataFile(freshFolder(), databaseOf([...thirdParties, plain]));
    const console = PtyConsole.start({unicode11: true, args: ['--data', file]});
    const {check} = watch(t, console);
    await console.waitFor('Third parties', WAIT);
    await check('start');

    // Open every record in turn: name, title of the pane and callback URL are drawn.
    for (let index = 0; index < thirdParties.length; index++) {
      console.write(KEYS.enter);
      await console.waitFor(/› Third Party Name/, WAIT);
      await check(`opening record ${index}`);
      console.write(KEYS.tab, KEYS.tab, KEYS.tab); // to the callback URL field: add token, enabled (no token rows), callback URL
      await console.waitFor(/› Callback URL/, WAIT);
      await check(`the callback URL of record ${index}`);
      console.write(KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab, KEYS.down);
      await console.waitFor(screen => /Enter open/.test(screen), WAIT);
    }

    // Save the plain record: the hostile ones stay in the file exactly as they were.
    console.write(KEYS.ctrl('e'));
    await console.type('Zulu', /\/Zulu/);
    console.write(KEYS.enter, KEYS.enter);
    await console.waitFor(/› Third Party Name {2}Zulu Plain/, WAIT);
    console.write(KEYS.tab, KEYS.tab, KEYS.space, KEYS.ctrl('s'));
    await console.waitFor(/Saved \d\d:\d\d/, WAIT);
    await check('saving');
    const saved = parseDatabase(readFileSync(file, 'utf8'), file);
    t.deepEqual(
      saved.thirdParties.filter(thirdParty => thirdParty.id !== plain.id).map(({name, callbackUrl}) => [name, callbackUrl]),
      thirdParties.map(({name, callbackUrl}) => [name, callbackUrl]),
    );
    t.true(saved.thirdParties.find(thirdParty => thirdParty.id === plain.id)!.enabled);
  },
);

test.serial(
  'hostile text pasted into the name is refused with a message, and what is saved holds no control, bidi or invisible character',
  async t => {
    const file = `${freshFolder()}/db.json`;
    const console = PtyConsole.start({unicode11: true, args: ['--data', file]});
    const {check} = watch(t, console);
    await console.waitFor(/› Third Party Name/, WAIT);
    const expectedNames: string[] = [];

    for (const {what, text} of HOSTILE_CORPUS) {
      console.write(KEYS.paste(text));
      await console.waitFor('● modified', WAIT);
      const cleaned = withoutUnsafeCharacters(text).trim();
      if (cleaned !== text)
        await console.waitFor(
          screen => rightPaneText(screen).includes('Control characters and escape sequences are not accepted; they were left out.'),
          WAIT,
        );
      await check(`pasting ${what}`);
      console.write(KEYS.ctrl('s'));
      if (cleaned.length > 80) {
        await console.waitFor('✗ The name can have at most 80 characters', WAIT);
        await check(`the refused save of ${what}`);
        console.write(KEYS.ctrl('n'));
        await console.waitFor('Unsaved changes', WAIT);
        console.write('d');
      } else {
        await console.waitFor(/Saved \d\d:\d\d/, WAIT);
        await check(`saving ${what}`);
        expectedNames.push(cleaned);
        console.write(KEYS.ctrl('n'));
      }
      await console.waitFor('+ New third party', WAIT);
    }

    const names = parseDatabase(readFileSync(file, 'utf8'), file).thirdParties.map(thirdParty => thirdParty.name);
    t.deepEqual(names.sort(), expectedNames.sort());
    for (const name of names) t.false(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u200B-\u200D]/.test(name), JSON.stringify(name));
    t.is(names.length, HOSTILE_CORPUS.length - 1);
  },
);

test.serial('escape sequences and control keys typed (not pasted) insert nothing and leave the screen intact', async t => {
  const file = `${freshFolder()}/db.json`;
  const console = PtyConsole.start({unicode11: true, args: ['--data', file]});
  const {check} = watch(t, console);
  await console.waitFor(/› Third Party Name/, WAIT);
  for (const keys of [
    '\u001B[2J',
    '\u001B[10;10H',
    '\u001B]2;pwned\u001B\\',
    '\u009B2J',
    '\u009D0;pwned\u009C',
    '\u001B]52;c;cHduZWQ=\u001B\\',
  ]) {
    console.write(keys);
  }
  await console.type('Acme', 'Acme');
  await check('typing escape sequences');
  const screen = await console.screen();
  // What a terminal sends as one key sequence is ignored; the printable rest of a raw OSC may land as text, never an escape.
  t.regex(screen, /› Third Party Name {2}[^│]*Acme/);
  t.notRegex(screen, /\[2J|10;10H/);
  // Typed wide characters and emoji keep the borders in place too.
  await console.type('株式会社🚀🚀🚀 Café', 'Café');
  await check('typing wide characters');
});

test.serial('resizing below 80×24 shows the "enlarge" view; back at 80×24 the layout is whole again', async t => {
  const console = PtyConsole.start({unicode11: true, args: ['--data', `${freshFolder()}/db.json`]});
  const {check} = watch(t, console);
  await console.waitFor(/› Third Party Name/, WAIT);
  await console.type('Acme', 'Acme');
  console.resize(70, 20);
  let screen = await console.waitFor('The terminal is 70×20; tpa needs at least 80×24.', WAIT);
  t.regex(screen, /Enlarge the window; Ctrl\+Q quits\./);
  console.resize(80, 24);
  screen = await console.waitFor(/› Third Party Name {2}Acme/, WAIT);
  await check('resizing back');
  t.notRegex(screen, /The terminal is/);
});
