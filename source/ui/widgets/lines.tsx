/**
 * Rows of styled text (widgets/styled.ts) drawn as one Text, one row a line, each cut at `width`
 * as Ink cuts a `wrap="truncate-end"` row (cli-truncate, "…"). Rows that change together (a form's
 * fields, a grid's lines) then cost one node of Ink's tree instead of one each: a list move
 * updates a few nodes, not twenty (bench/README.md, issue 20). Rows that wrap stay Texts of their own.
 */
import cliTruncate from 'cli-truncate';
import {Text} from 'ink';
import React from 'react';
import {displayWidth} from './text-width.js';

/** A row at most `width` columns wide; cut with "…" as Ink's truncate-end cuts it. */
export const fitRow = (row: string, width: number): string =>
  displayWidth(row) <= width ? row : cliTruncate(row, width, {position: 'end'});

/** An empty row takes no line, as an empty Text takes none. */
export const Lines = ({rows, width}: {rows: readonly string[]; width: number}) => (
  <Text>
    {rows
      .filter(row => row !== '')
      .map(row => fitRow(row, width))
      .join('\n')}
  </Text>
);
