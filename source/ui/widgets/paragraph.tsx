import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';

/** Text that wraps inside a dialog pane with a margin of one column on each side, on every line. */
export const Paragraph = ({children, color, bold}: {children: ReactNode; color?: string | undefined; bold?: boolean}) => (
  <Box paddingX={1}>
    <Text wrap="wrap" color={color} bold={bold}>
      {children}
    </Text>
  </Box>
);
