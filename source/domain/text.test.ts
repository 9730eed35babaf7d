import test from 'ava';
import {toDisplayText, withoutUnsafeCharacters} from './index.js';

test('plain text, wide characters and emoji are drawn as they are', t => {
  for (const text of ['Acme Payments', '株式会社', 'Café 🚀', 'e\u0301']) t.is(toDisplayText(text), text);
});

test('escape sequences become one visible mark and never reach the terminal', t => {
  const hostile = [
    'A\u001B[2JB',
    'A\u001B]0;pwned\u0007B',
    'A\u001B]52;c;aGVsbG8=\u0007B',
    'A\u001B]8;;https://evil.example\u001B\\B',
    'A\u009B31mB',
    'A\u001BPqB',
  ];
  for (const text of hostile) {
    const shown = toDisplayText(text);
    t.false(/[\u0000-\u001F\u007F-\u009F]/.test(shown), JSON.stringify(text));
    t.true(shown.startsWith('A'), JSON.stringify(text));
  }
  t.is(toDisplayText('A\u001B]0;pwned\u0007B'), 'A\uFFFDB');
});

test('bidi overrides are shown as marks, so text reads in its real order', t => {
  t.is(toDisplayText('evil\u202Emoc.'), 'evil\uFFFDmoc.');
});

test('what a person types loses control characters and escape sequences', t => {
  t.is(withoutUnsafeCharacters('Acme\u001B[31m Pay\u0007ments\u202E'), 'Acme Payments');
});
