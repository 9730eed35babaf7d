/**
 * Ctrl+Y: who changed the third party and when, newest first, from the audit log; across the
 * whole width (as F1), wrapped, it scrolls and says where it is.
 */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../../domain/index.js';
import type {HistoryDialog as Dialog} from './history-state.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {pageRows, scrollWindow} from '../../widgets/scroll.js';
import {useTheme} from '../../widgets/theme.js';
import {historyLines} from './history-lines.js';
import type {DialogEntry} from '../dialog-entry.js';
import {historyKeys} from './history-keys.js';

export const HistoryDialog = ({dialog, width, height}: {dialog: Dialog; width: number; height: number}) => {
  const theme = useTheme();
  const entries = dialog.entries ?? [];
  const {shown, where} = scrollWindow(historyLines(entries, width - 2), dialog.top ?? 0, pageRows(height));
  return (
    <Pane title={`History: ${toDisplayText(dialog.name)}`} shortTitle="History" width={width} height={height} active>
      {dialog.entries === undefined ? <Text color={theme.muted}>{' Reading the audit log…'}</Text> : null}
      {dialog.error ? <Paragraph color={theme.error}>{dialog.error}</Paragraph> : null}
      {dialog.entries !== undefined && entries.length === 0 && !dialog.error ? (
        <Text color={theme.muted}>{' No changes recorded yet.'}</Text>
      ) : null}
      {shown.map((line, index) => (
        <Box key={index}>
          <Text bold={line.heading} color={line.heading ? theme.heading : undefined}>
            {` ${line.text}`}
          </Text>
        </Box>
      ))}
      {entries.length > 0 ? <Text color={theme.muted}>{` ${where}, newest first`}</Text> : null}
    </Pane>
  );
};

export const historyEntry: DialogEntry<'history'> = {keys: historyKeys, place: 'across', View: HistoryDialog};
