import test from 'ava';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {toDisplayText, validateCallbackUrl, validateName, withoutUnsafeCharacters} from '../../domain/index.js';
import {displayWidth, truncateToWidth} from './text-width.js';

test('emoji whose width terminals disagree on are drawn plain: no variation selector, skin tone or keycap mark', t => {
  t.is(toDisplayText('❤️ 👍🏽 1️⃣'), '❤ 👍 1');
  t.is(displayWidth(toDisplayText('❤️')), 1);
});

test('invisible characters are shown as a mark, so two names never look the same while differing', t => {
  t.is(toDisplayText('Acme\u200BPay'), 'Acme\uFFFDPay');
  t.is(toDisplayText('👨\u200D👩'), '👨\uFFFD👩');
  t.is(toDisplayText('soft\u00ADhyphen\uFEFF'), 'soft\uFFFDhyphen\uFFFD');
});

test('invisible characters are left out of what is typed, and refused in a name or callback URL from elsewhere', t => {
  t.is(withoutUnsafeCharacters('Ac\u200Bme\u2060'), 'Acme');
  t.regex(validateName('Ac\u200Bme', () => false) ?? '', /invisible characters/);
  t.regex(validateCallbackUrl('https://a.example/\u200B') ?? '', /invisible characters/);
  t.is(
    validateName('Café 🚀 株式会社', () => false),
    undefined,
  );
});

test('text is cut by columns, wide characters counting two', t => {
  t.is(truncateToWidth('株式会社', 5), '株式…');
  t.is(displayWidth(truncateToWidth('株式会社', 5)), 5);
  t.is(truncateToWidth('Rocket 🚀🚀🚀', 10), 'Rocket 🚀…');
  t.is(truncateToWidth('Acme', 4), 'Acme');
  t.is(truncateToWidth('Cafe\u0301s', 5), 'Cafe\u0301s');
});

test('a width is string-width’s, whatever the text holds: plain, Latin, box lines, wide, emoji, combining, invisible', t => {
  const piece = fc.oneof(
    fc.constantFrom(
      'Acme ',
      '● modified',
      '│› ─┐',
      '✓ ✗ ! • … ‹ ›',
      'Café',
      '株式会社',
      '🚀',
      'e\u0301',
      '\u00AD',
      '\u200B',
      '\u001B[1m',
      '\t',
    ),
    fc.string({unit: 'grapheme', maxLength: 6}),
    fc.string({unit: 'binary', maxLength: 6}),
  );
  fc.assert(
    fc.property(fc.array(piece, {maxLength: 6}), parts => {
      const text = parts.join('');
      t.is(displayWidth(text), stringWidth(text), JSON.stringify(text));
    }),
    {numRuns: 2000},
  );
});
