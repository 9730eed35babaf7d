import test from 'ava';
import {editText, normalizePaste, textValue, type TextValue} from './text-editing.js';

const apply = (value: TextValue, ...keys: [string, string?][]): TextValue =>
  keys.reduce((current, [name, text = '']) => editText(current, name, text)?.value ?? current, value);

test('typing inserts at the cursor', t => {
  t.deepEqual(apply(textValue('Acme'), ['left'], ['left'], ['text', 'XY']), {text: 'AcXYme', cursor: 4});
});

test('Backspace and Delete remove one character, an emoji included', t => {
  t.deepEqual(apply(textValue('a😀'), ['backspace']), {text: 'a', cursor: 1});
  t.deepEqual(apply(textValue('😀b'), ['home'], ['delete']), {text: 'b', cursor: 0});
});

test('Home and End move to the ends', t => {
  t.deepEqual(apply(textValue('Acme'), ['home']), {text: 'Acme', cursor: 0});
  t.deepEqual(apply({text: 'Acme', cursor: 1}, ['end']), {text: 'Acme', cursor: 4});
});

test('escape sequences and control characters are refused, and the rest is kept', t => {
  const result = editText(textValue('Acme'), 'text', ' \u001B]0;x\u0007Pay');
  t.deepEqual(result?.value.text, 'Acme Pay');
  t.true(result?.refused);
});

test('a paste is trimmed and loses its line breaks', t => {
  t.is(normalizePaste('  https://acme.example/\r\ncallback \n'), 'https://acme.example/callback');
  t.deepEqual(editText(textValue(''), 'paste', ' tpat_abc\n')?.value, {text: 'tpat_abc', cursor: 8});
});

test('a 10,000-character paste is kept whole', t => {
  t.is(editText(textValue(''), 'paste', 'x'.repeat(10_000))?.value.text.length, 10_000);
});

test('keys that do not edit are left to others', t => {
  t.is(editText(textValue('a'), 'ctrl+s', ''), undefined);
  t.is(editText(textValue('a'), 'tab', ''), undefined);
});

test('Ctrl+U deletes everything before the cursor, as in readline: a filled-in field is cleared', t => {
  t.deepEqual(apply(textValue('tpas_secret'), ['ctrl+u']), {text: '', cursor: 0});
  t.deepEqual(apply(textValue('Acme Payments'), ['home'], ['right'], ['right'], ['right'], ['right'], ['ctrl+u']), {
    text: ' Payments',
    cursor: 0,
  });
});
