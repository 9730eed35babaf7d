/**
 * The grid's lines (token-grid.tsx) draw exactly what ink-table drew for the same rows, as the
 * grid configured it (borderless, one space after each column, bold headings, coloured cells):
 * the same characters and ANSI codes, whatever the values, at any width.
 */
import type {CellProps} from '@alcalzone/ink-table';
import test from 'ava';
import fc from 'fast-check';
import React from 'react';
import type {GridRow} from './token-grid.js';

// Colours are drawn (ava's workers turn Ink's chalk off): the comparison is of ANSI codes too.
// chalk is Ink's own (a dependency of Ink 6).
const {default: chalk} = await import('chalk');
chalk.level = 1;
const {Table} = await import('@alcalzone/ink-table');
const {Box, Text} = await import('ink');
const {render} = await import('ink-testing-library');
const {ThemeProvider, themeFor, useTheme} = await import('../widgets/theme.js');
const {COLUMNS, gridLines} = await import('./token-grid.js');
const {Lines} = await import('../widgets/lines.js');
/** The grid's lines as the form draws them: rows of one Lines. */
const GridLines = ({data, width}: {data: readonly GridRow[]; width: number}) => <Lines rows={gridLines(data, useTheme())} width={width} />;

/** The grid as it was drawn with ink-table (before issue 20). */
const tight = (text: string): string => text.slice(1);
const Cell = ({column, children}: CellProps) => {
  const theme = useTheme();
  const text = tight(String(children));
  if (column === 3 && text.includes('expired')) return <Text color={theme.error}>{text}</Text>;
  if (column === 1 && /\bin \d|today/.test(text)) return <Text color={theme.warning}>{text}</Text>;
  return <Text>{text}</Text>;
};
const Header = ({children}: {children?: React.ReactNode}) => {
  const theme = useTheme();
  return (
    <Text bold color={theme.heading}>
      {tight(String(children))}
    </Text>
  );
};
const NoSkeleton = () => null;
const InkTableGrid = ({data}: {data: GridRow[]}) => (
  <Table data={data} columns={COLUMNS} padding={1} cell={Cell} header={Header} skeleton={NoSkeleton} />
);

const frameOf = (element: React.ReactElement, width: number, colour: boolean): string => {
  const {lastFrame, unmount} = render(
    <ThemeProvider theme={themeFor(colour ? {} : {NO_COLOR: '1'})}>
      <Box width={width}>{element}</Box>
    </ThemeProvider>,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
};

const value = fc.oneof(
  fc.constantFrom('2026-11-27', 'in 5 days', 'today', 'never (auto)', 'expired', '[x]', '[ ]', 'never', 'tpat_1Y3…11xJ', ''),
  fc.string({maxLength: 14}),
);
const row: fc.Arbitrary<GridRow> = fc.record({
  Created: value,
  Expires: value,
  'OAuth Token': value,
  Active: value,
  'Last used': value,
});

/** The width of the grid's lines: each column as wide as its longest value or heading, and one space. */
const widthOf = (data: readonly GridRow[]): number =>
  COLUMNS.reduce((sum, column) => sum + Math.max(column.length, ...data.map(row => row[column].length)) + 1, 0);

// Where the lines fit: the grid's columns always fit its width (grid-columns.ts `fitTokens`: at
// 80×24 the widest values leave the token its 11 columns). Past the width, ink-table squeezed
// its columns and a line of text wraps instead; neither is ever drawn.
test('the grid lines draw what ink-table drew, character for character and colour for colour', t => {
  t.true(frameOf(<Text color="red">x</Text>, 10, true).includes('\u001B['), 'colours are drawn');
  fc.assert(
    fc.property(fc.array(row, {maxLength: 5}), fc.integer({min: 54, max: 110}), fc.boolean(), (data, width, colour) => {
      fc.pre(widthOf(data) <= width);
      t.is(frameOf(<GridLines data={data} width={width} />, width, colour), frameOf(<InkTableGrid data={data} />, width, colour));
    }),
    {numRuns: 200},
  );
});
