import test from 'ava';
import {fitHints} from '../source/ui/keys/footer.js';
import {footerHints, type FocusZone} from '../source/ui/keys/keymap.js';

const line = (hints: {key: string; text: string}[]) => ` ${hints.map(hint => `${hint.key} ${hint.text}`).join(' · ')}`;

test('in every focus zone the footer fits 80 columns and ends with the help', t => {
  for (const zone of ['list', 'name', 'addToken', 'grid', 'enabled', 'callbackUrl'] satisfies FocusZone[]) {
    const shown = fitHints(footerHints(zone), 80);
    t.true(line(shown).length <= 80, `${zone}: ${line(shown)}`);
    t.is(shown.at(-1)?.text, 'help', zone);
  }
});

test('a narrow line drops the later hints, never the help', t => {
  const hints = [
    {key: 'Tab', text: 'next'},
    {key: '^S', text: 'save'},
    {key: 'F1', text: 'help'},
  ];
  t.deepEqual(
    fitHints(hints, 20).map(hint => hint.text),
    ['next', 'help'],
  );
});
