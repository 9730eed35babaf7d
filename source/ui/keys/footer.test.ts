import test from 'ava';
import {fitHints} from './footer.js';

const line = (hints: {key: string; text: string}[]) => ` ${hints.map(hint => `${hint.key} ${hint.text}`).join(' · ')}`;

test('a narrow line drops the later hints, never the kept ways out', t => {
  const hints = [
    {key: 'Tab', text: 'next'},
    {key: '^S', text: 'save'},
    {key: '^Q', text: 'quit'},
    {key: 'F1', text: 'more'},
  ];
  const shown = fitHints(hints, 30, 2);
  t.deepEqual(
    shown.map(hint => hint.text),
    ['next', 'quit', 'more'],
  );
  t.true(line(shown).length <= 30);
});
