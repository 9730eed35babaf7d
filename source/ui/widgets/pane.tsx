/**
 * A bordered pane with its title in the top border, as in ARCHITECTURE.md, The console: "┌ Third parties ───┐".
 * A title with a name in it ("History: Acme Payments") names its short form ("History") for when
 * it does not fit: a border cannot wrap, and a title is not cut with "…".
 */
import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';
import {PaneColumns} from './paragraph.js';
import {displayWidth, truncateToWidth} from './text-width.js';
import {useTheme} from './theme.js';

export const Pane = ({
  title,
  shortTitle,
  width,
  height,
  active,
  children,
}: {
  title: string;
  shortTitle?: string | undefined;
  width: number;
  height: number;
  active: boolean;
  children: ReactNode;
}) => {
  const theme = useTheme();
  const color = active ? theme.focus : undefined;
  const room = Math.max(0, width - 4);
  // Cut only when even the short form does not fit (narrower than the console ever draws a pane).
  const shown = truncateToWidth(displayWidth(title) > room && shortTitle !== undefined ? shortTitle : title, room);
  const top = `┌ ${shown} ${'─'.repeat(Math.max(0, width - displayWidth(shown) - 4))}┐`;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={color} bold={active}>
        {top}
      </Text>
      <Box
        borderStyle="single"
        borderTop={false}
        borderColor={color}
        flexDirection="column"
        height={height - 1}
        paddingX={0}
        overflowY="hidden"
      >
        <PaneColumns.Provider value={width - 2}>{children}</PaneColumns.Provider>
      </Box>
    </Box>
  );
};
