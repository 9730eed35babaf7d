/** Rows drawn as one Lines look exactly as the same rows drawn as a truncate-end Text each: cut with "…" at the same place, styles kept. */
import test from 'ava';
import fc from 'fast-check';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {withColours} from '../../../test/helpers/colours.js';
import React, {type ReactNode} from 'react';
import {Lines} from './lines.js';
import {styled} from './styled.js';
import {displayWidth} from './text-width.js';

const frameOf = (width: number, content: ReactNode): string => {
  const {lastFrame, unmount} = render(
    <Box width={width} flexDirection="column">
      {content}
    </Box>,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
};

const row = fc
  .array(
    fc.record({
      text: fc.stringMatching(/^[ a-zA-Z0-9›●○✗é字…-]{0,14}$/),
      color: fc.constantFrom('cyan', 'red', 'gray', undefined),
      bold: fc.boolean(),
    }),
    {maxLength: 5},
  )
  .map(spans => spans.map(({text, color, bold}) => styled(text, {color, bold})).join(''));

// The console's rows fit their pane (each part is cut to its room first); a row too wide is cut as below.
test.serial('rows that fit draw as one Lines what a Text a row drew, styles included', t => {
  withColours(t);
  fc.assert(
    fc.property(fc.array(row, {minLength: 1, maxLength: 5}), fc.integer({min: 3, max: 50}), (rows, width) => {
      fc.pre(rows.every(text => displayWidth(text) <= width));
      const asLines = frameOf(width, <Lines rows={rows} width={width} />);
      const asTexts = frameOf(
        width,
        rows.map((text, index) => (
          <Text key={index} wrap="truncate-end">
            {text}
          </Text>
        )),
      );
      t.is(asLines, asTexts);
    }),
    {numRuns: 300},
  );
});

test('a row too wide is cut with "…" at the width, as a truncate-end Text is; an empty row takes no line', t => {
  t.is(frameOf(10, <Lines rows={['Acme Payments Ltd', '', 'Blue']} width={10} />), 'Acme Paym…\nBlue');
  t.is(frameOf(10, <Lines rows={['Acme Payments Ltd']} width={10} />), frameOf(10, <Text wrap="truncate-end">{'Acme Payments Ltd'}</Text>));
});
