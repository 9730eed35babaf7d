/** A row of styled spans draws exactly what the same row of nested <Text>s drew, colours included. */
import test from 'ava';
import fc from 'fast-check';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {withColours} from '../../../test/helpers/colours.js';
import React, {type ReactNode} from 'react';
import {styled, type SpanStyle} from './styled.js';

const frameOf = (width: number, row: ReactNode): string => {
  const {lastFrame, unmount} = render(
    <Box width={width}>
      <Text wrap="truncate-end">{row}</Text>
    </Box>,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
};

const span = fc.record({
  text: fc.stringMatching(/^[ a-zA-Z0-9›●○✗é字…-]{0,12}$/),
  style: fc.record(
    {
      color: fc.constantFrom('cyan', 'red', 'green', 'yellow', 'gray', 'blue', undefined),
      bold: fc.boolean(),
      underline: fc.boolean(),
      inverse: fc.boolean(),
      dimColor: fc.boolean(),
    },
    {requiredKeys: []},
  ),
});

// Ink's Text and styled() share one chalk: with colours on, both must write the same styles.
test.serial('spans as strings draw what nested Texts draw, styles and cut included', t => {
  withColours(t);
  fc.assert(
    fc.property(fc.array(span, {maxLength: 6}), fc.integer({min: 4, max: 40}), (spans, width) => {
      const asStrings = frameOf(width, spans.map(({text, style}) => styled(text, style as SpanStyle)).join(''));
      const asTexts = frameOf(
        width,
        spans.map(({text, style}, index) => (
          <Text key={index} {...style}>
            {text}
          </Text>
        )),
      );
      t.is(asStrings, asTexts);
    }),
    {numRuns: 300},
  );
});

test.serial('a style shows: the same text bold, coloured or inverted is drawn differently', t => {
  withColours(t);
  const plain = frameOf(20, styled('Acme', {}));
  for (const style of [{bold: true}, {color: 'cyan'}, {inverse: true}, {underline: true}, {dimColor: true}] as const)
    t.not(frameOf(20, styled('Acme', style)), plain, JSON.stringify(style));
});
