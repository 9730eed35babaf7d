import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';
import {wrapToWidth} from './wrap.js';

/**
 * Text that wraps inside a dialog pane with a margin of one column on each side, on every line.
 * Never shrunk: in a pane too short for its content Yoga would shrink the box below its wrapped
 * lines and the next paragraph would be drawn over them; the pane clips at its bottom instead.
 */
export const Paragraph = ({children, color, bold}: {children: ReactNode; color?: string | undefined; bold?: boolean}) => (
  <Box paddingX={1} flexShrink={0}>
    <Text wrap="wrap" color={color} bold={bold}>
      {children}
    </Text>
  </Box>
);

/**
 * A paragraph wrapped by us, between words, to the pane's inner width: each line starts at the
 * paragraph's column. Ink's own wrapping keeps the space it breaks at when a line is exactly full,
 * and the next line then starts one column further right.
 */
export const WrappedParagraph = ({
  text,
  width,
  color,
  bold,
}: {
  text: string;
  /** The pane's columns inside its borders. */
  width: number;
  color?: string | undefined;
  bold?: boolean;
}) => (
  <Box paddingX={1} flexShrink={0} flexDirection="column">
    {wrapToWidth(text, Math.max(1, width - 2)).map((line, index) => (
      <Text key={index} color={color} bold={bold}>
        {line}
      </Text>
    ))}
  </Box>
);
