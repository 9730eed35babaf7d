import {Box, Text} from 'ink';
import React, {createContext, useContext} from 'react';
import {wrapToWidth} from './wrap.js';

/** The columns inside the borders of the pane a paragraph is in: Pane gives it, so that a paragraph need not be told. */
export const PaneColumns = createContext<number | undefined>(undefined);

/**
 * Text that wraps inside a dialog pane with a margin of one column on each side, between words,
 * each line at the paragraph's column: Ink's own wrapping keeps the space it breaks at when a line
 * is exactly full, and the next line then starts one column further right. Never shrunk: in a
 * pane too short for its content Yoga would shrink the box below its wrapped lines and the next
 * paragraph would be drawn over them; the pane clips at its bottom instead.
 */
export const Paragraph = ({
  children,
  width,
  color,
  bold,
}: {
  children: string;
  /** The columns it has, margins included; by default the pane's inside its borders. */
  width?: number | undefined;
  color?: string | undefined;
  bold?: boolean;
}) => {
  const pane = useContext(PaneColumns);
  const columns = width ?? pane;
  return (
    <Box paddingX={1} flexShrink={0} flexDirection="column">
      {columns === undefined ? (
        <Text wrap="wrap" color={color} bold={bold}>
          {children}
        </Text>
      ) : (
        wrapToWidth(children, Math.max(1, columns - 2)).map((line, index) => (
          <Text key={index} color={color} bold={bold}>
            {line}
          </Text>
        ))
      )}
    </Box>
  );
};
