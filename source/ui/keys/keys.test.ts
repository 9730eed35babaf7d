import test from 'ava';
import {createKeyReader, parseKey, splitInput, type KeyPress} from './keys.js';

const read = (...inputs: string[]): KeyPress[] => {
  const keys: KeyPress[] = [];
  const reader = createKeyReader(key => keys.push(key));
  for (const input of inputs) reader(input);
  return keys;
};

const names = (...inputs: string[]) => read(...inputs).map(key => key.name);

test('control letters are named as chords', t => {
  t.is(parseKey('\u0013').name, 'ctrl+s');
  t.is(parseKey('\u0011').name, 'ctrl+q');
  t.is(parseKey('\u0003').name, 'ctrl+c');
  t.is(parseKey('\u0007').name, 'ctrl+g');
});

test('Tab, Shift+Tab, Enter, Esc, Backspace and Delete', t => {
  t.deepEqual(names('\t', '\u001B[Z', '\r', '\u001B', '\u007F', '\u001B[3~'), [
    'tab',
    'shift+tab',
    'return',
    'escape',
    'backspace',
    'delete',
  ]);
});

test('F1 and F2 in the forms xterm, the Linux console and rxvt send', t => {
  t.deepEqual(names('\u001BOP', '\u001B[11~', '\u001B[[A'), ['f1', 'f1', 'f1']);
  t.deepEqual(names('\u001BOQ', '\u001B[12~', '\u001B[[B'), ['f2', 'f2', 'f2']);
});

test('arrows, pages, Home and End in both cursor modes', t => {
  t.deepEqual(names('\u001B[A', '\u001BOB', '\u001B[5~', '\u001B[6~', '\u001B[H', '\u001B[4~'), [
    'up',
    'down',
    'pageup',
    'pagedown',
    'home',
    'end',
  ]);
});

test('text stays one key; a space is a key of its own', t => {
  t.deepEqual(read('Acme'), [{name: 'text', text: 'Acme'}]);
  t.deepEqual(read(' '), [{name: 'space', text: ' '}]);
});

test('keys typed fast and read together are still separate keys: "ab" then Ctrl+S saves', t => {
  t.deepEqual(splitInput('ab\u0013'), ['ab', '\u0013']);
  t.deepEqual(names('ab\u0013cd'), ['text', 'ctrl+s', 'text']);
});

test('Esc then a control key read together are Esc and the key', t => {
  t.deepEqual(names('\u001B\u0011'), ['escape', 'ctrl+q']);
});

test('Alt+letter is a meta chord, never text', t => {
  t.is(parseKey('\u001Bx').name, 'meta+x');
});

test('unknown escape sequences are ignored, never typed', t => {
  t.is(parseKey('\u001B[99~').name, 'unknown');
});

test('a bracketed paste is one paste key with its line breaks, even across reads', t => {
  t.deepEqual(read('\u001B[200~', 'line one\r\nline', ' two', '\u001B[201~'), [{name: 'paste', text: 'line one\r\nline two'}]);
});

test('escape sequences inside a paste stay inside it, they do not act as keys', t => {
  const keys = read('\u001B[200~', 'a', '\u001B]0;title\u0007', 'b', '\u001B[201~', '\u0013');
  t.deepEqual(
    keys.map(key => key.name),
    ['paste', 'ctrl+s'],
  );
  t.is(keys[0]!.text, 'a\u001B]0;title\u0007b');
});

test('F2 to F12 are named, as xterm, the Linux console and rxvt send them, so that they can say they do nothing', t => {
  t.deepEqual(names('\u001BOQ', '\u001B[15~', '\u001B[24~', '\u001B[[E', '\u001B[12~'), ['f2', 'f5', 'f12', 'f5', 'f2']);
});
