/** A pane's title is in its top border: a title too long for it gives way to its short form, never cut with "…". */
import test from 'ava';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {Pane} from './pane.js';

const topBorder = (title: string, shortTitle: string | undefined, width: number): string => {
  const {lastFrame, unmount} = render(
    <Pane title={title} {...(shortTitle ? {shortTitle} : {})} width={width} height={3} active={false}>
      <Text>x</Text>
    </Pane>,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame.split('\n')[0]!;
};

test('a title that fits is shown whole', t => {
  t.regex(topBorder('History: Acme Payments', 'History', 40), /^┌ History: Acme Payments ─+┐$/);
});

test('a title too long for the border is replaced by its short form, not cut', t => {
  const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
  const border = topBorder(`History: ${name}`, 'History', 58);
  t.false(border.includes('…'));
  t.regex(border, /^┌ History ─+┐$/);
  t.is([...border].length, 58);
});
