/** The pty tests' emulated terminal holds a synchronized frame until its end, as a terminal honouring mode 2026 does. */
import {setTimeout as sleep} from 'node:timers/promises';
import test from 'ava';
import {synchronizedFeed} from './helpers/synchronized-output.js';

const BEGIN = '\u001B[?2026h';
const END = '\u001B[?2026l';

test('a frame handed over in pieces is shown whole; what is outside a frame passes at once', t => {
  const shown: string[] = [];
  const {feed} = synchronizedFeed(text => shown.push(text));
  feed('before');
  feed(`${BEGIN}half of`);
  t.deepEqual(shown, ['before']);
  feed(` the frame${END}after`);
  t.deepEqual(shown, ['before', `${BEGIN}half of the frame${END}after`]);
});

test('a begin whose end never comes is let through after the hold', async t => {
  const shown: string[] = [];
  const {feed} = synchronizedFeed(text => shown.push(text), 20);
  feed(`${BEGIN}stuck`);
  t.deepEqual(shown, []);
  await sleep(60);
  t.deepEqual(shown, [`${BEGIN}stuck`]);
});

test('flush lets a held frame through at once (the program ended)', t => {
  const shown: string[] = [];
  const {feed, flush} = synchronizedFeed(text => shown.push(text));
  feed(`${BEGIN}last words`);
  flush();
  t.deepEqual(shown, [`${BEGIN}last words`]);
});
