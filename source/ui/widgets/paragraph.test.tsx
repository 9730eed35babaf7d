/** A paragraph in a pane wraps between words, every line at its column: never at the border, never after a stray space. */
import test from 'ava';
import fc from 'fast-check';
import {render} from 'ink-testing-library';
import React from 'react';
import {Pane} from './pane.js';
import {Paragraph} from './paragraph.js';

const frameOf = (text: string, width: number): string[] => {
  const {lastFrame, unmount} = render(
    <Pane title="Dialog" width={width} height={20} active={false}>
      <Paragraph>{text}</Paragraph>
    </Pane>,
  );
  const lines = (lastFrame() ?? '').split('\n');
  unmount();
  return lines;
};

/** The lines between the pane's borders that hold text: each must start at the paragraph's column. */
const misplaced = (lines: string[], width: number): string[] =>
  lines.slice(1, -1).filter(line => line !== `│${' '.repeat(width - 2)}│` && !/^│ \S/.test(line));

test("the send sheet's message as W says it at 80×24: no line after a stray space", t => {
  const message =
    'Wrote /tmp/a18-sMVx/northwind-traders-international-oauth.txt (mode 0600: only you can read it). Recorded as sent at 02:46:04.';
  t.deepEqual(misplaced(frameOf(message, 58), 58), []);
});

test('property: every line of a paragraph starts at its column, whatever the words and the width', t => {
  fc.assert(
    fc.property(
      fc.array(fc.stringMatching(/^[a-z.:()]{1,14}$/), {minLength: 1, maxLength: 30}),
      fc.integer({min: 20, max: 70}),
      (words, width) => {
        const lines = frameOf(words.join(' '), width).slice(1, -1);
        return lines.every(line => line === `│${' '.repeat(width - 2)}│` || /^│ \S/.test(line));
      },
    ),
    {numRuns: 60},
  );
  t.pass();
});
