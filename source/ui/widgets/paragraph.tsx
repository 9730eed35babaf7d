import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';

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
