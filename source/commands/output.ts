/**
 * What commands print: tables for people (fitted to the terminal's width, coloured only on a
 * terminal without NO_COLOR), JSON for programs, and errors. Every text from the data file goes
 * through toDisplayText before it reaches a table, as in the console.
 */
import stringWidth from 'string-width';
import {toDisplayText} from '../domain/index.js';

/** Where a command writes, and how the terminal looks. */
export interface Output {
  readonly write: (text: string) => void;
  readonly writeError: (text: string) => void;
  /** process.stdout.columns on a terminal, else 80. */
  readonly columns: number;
  /** ANSI colours: only on a terminal, and never with NO_COLOR set. */
  readonly colour: boolean;
}

const DEFAULT_COLUMNS = 80;

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export const wantsColour = (isTTY: boolean, env: NodeJS.ProcessEnv): boolean => isTTY && (env['NO_COLOR'] ?? '') === '';

export const terminalColumns = (isTTY: boolean, columns: number | undefined): number =>
  isTTY && columns !== undefined && columns > 0 ? columns : DEFAULT_COLUMNS;

export type Tone = 'good' | 'bad' | 'warn' | 'dim' | 'bold';

const SGR: Record<Tone, [string, string]> = {
  good: ['\u001B[32m', '\u001B[39m'],
  bad: ['\u001B[31m', '\u001B[39m'],
  warn: ['\u001B[33m', '\u001B[39m'],
  dim: ['\u001B[2m', '\u001B[22m'],
  bold: ['\u001B[1m', '\u001B[22m'],
};

export const paint = (output: Pick<Output, 'colour'>, tone: Tone, text: string): string =>
  output.colour && text !== '' ? `${SGR[tone][0]}${text}${SGR[tone][1]}` : text;

/** A table cell: plain text (already safe to draw) and how to colour it. */
export interface Cell {
  readonly text: string;
  readonly tone?: Tone;
  /** Never cut with "…", however wide (a revealed secret is there to be copied). */
  readonly whole?: boolean;
}

export interface Column {
  readonly header: string;
  /** Set: the column may be cut (with "…") when the table is wider than the terminal; the widest is cut first, the lower order on a tie. */
  readonly shrinkOrder?: number;
  /** The narrowest a shrinkable column gets. */
  readonly min?: number;
}

const GAP = 2;

/** Cut to `width` terminal columns, ending in "…" when cut. */
export const truncate = (text: string, width: number): string => {
  if (stringWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  let result = '';
  for (const character of text) {
    if (stringWidth(result + character) > width - 1) break;
    result += character;
  }
  return `${result}…`;
};

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - stringWidth(text)));

/** Column widths that fit `total`: the widest cell each, then the widest shrinkable column cut by one until it fits. */
const fitWidths = (columns: readonly Column[], rows: readonly (readonly Cell[])[], total: number): number[] => {
  const widths = columns.map((column, index) =>
    Math.max(stringWidth(column.header), ...rows.map(row => stringWidth(row[index]?.text ?? ''))),
  );
  let excess = widths.reduce((sum, width) => sum + width, 0) + GAP * (columns.length - 1) - total;
  while (excess > 0) {
    let widest = -1;
    for (const [index, column] of columns.entries()) {
      if (column.shrinkOrder === undefined || widths[index]! <= (column.min ?? 8)) continue;
      if (
        widest === -1 ||
        widths[index]! > widths[widest]! ||
        (widths[index] === widths[widest] && column.shrinkOrder < columns[widest]!.shrinkOrder!)
      )
        widest = index;
    }
    if (widest === -1) break;
    widths[widest]!--;
    excess--;
  }
  return widths;
};

/** The table's lines, each ending in "\n"; no trailing spaces. */
export const renderTable = (
  output: Pick<Output, 'colour' | 'columns'>,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
): string => {
  const widths = fitWidths(columns, rows, output.columns);
  const line = (cells: readonly Cell[], header: boolean) =>
    cells
      .map((cell, index) => {
        const text = truncate(cell.text, widths[index]!);
        const last = index === cells.length - 1;
        const padded = last ? text : pad(text, widths[index]!);
        const tone = header ? 'bold' : cell.tone;
        return tone ? paint(output, tone, text) + padded.slice(text.length) : padded;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [
    line(
      columns.map(column => ({text: column.header})),
      true,
    ),
    ...rows.map(row => line(row, false)),
  ]
    .map(text => `${text}\n`)
    .join('');
};

/** "Label  value" lines, the labels padded to one width. */
export const renderFields = (output: Pick<Output, 'colour' | 'columns'>, fields: readonly (readonly [string, Cell])[]): string => {
  const labelWidth = Math.max(...fields.map(([label]) => stringWidth(label)));
  return fields
    .map(([label, cell]) => {
      const text = cell.whole ? cell.text : truncate(cell.text, Math.max(10, output.columns - labelWidth - GAP));
      return `${paint(output, 'dim', pad(label, labelWidth))}${' '.repeat(GAP)}${cell.tone ? paint(output, cell.tone, text) : text}\n`;
    })
    .join('');
};

/** Safe to draw: escape sequences, control and bidi characters replaced, as in the console. */
export const safe = (text: string): string => toDisplayText(text);

/**
 * JSON for programs, one document and a newline. C1 controls, line and paragraph separators and
 * text-direction characters are written as \u escapes (the same JSON value), so that the output
 * cannot steer a terminal it is shown on.
 */
export const jsonText = (value: unknown): string =>
  `${JSON.stringify(value, null, 2).replace(
    /[\u0080-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/g,
    character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}\n`;
