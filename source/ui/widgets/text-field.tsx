/**
 * One line of editable text: clipped to its width in columns, scrolled so the cursor stays in view.
 * Ours, not ink-text-input, which types the letter of Ctrl chords, draws the raw value (escape
 * sequences included) and cannot be fed the keys the router has filtered.
 */
import {Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../domain/index.js';
import type {TextValue} from './text-editing.js';
import {styled} from './styled.js';
import {displayWidth, truncateToWidth} from './text-width.js';

interface Cell {
  readonly text: string;
  readonly width: number;
  /** Code units of the value that this cell draws: [start, end). */
  readonly start: number;
  readonly end: number;
}

/**
 * The value as cells on screen: each character made safe to draw on its own (so the cursor
 * stays on the character it is on), and characters drawn with no width (combining accents)
 * kept with the one before them.
 */
const cellsOf = (text: string): Cell[] => {
  const cells: Cell[] = [];
  let offset = 0;
  for (const character of text) {
    const shown = toDisplayText(character);
    const width = displayWidth(shown);
    const previous = cells.at(-1);
    if (width === 0 && previous) cells[cells.length - 1] = {...previous, text: previous.text + shown, end: offset + character.length};
    else cells.push({text: shown, width, start: offset, end: offset + character.length});
    offset += character.length;
  }
  return cells;
};

export interface TextFieldProps {
  readonly value: TextValue;
  readonly width: number;
  readonly focused: boolean;
  readonly placeholder?: string;
}

/**
 * The field as one styled string (widgets/styled.ts), for a row that draws its label and value as
 * one Text: unfocused the value (or the dim placeholder), focused the part around the cursor with
 * the cursor's cell inverted.
 */
export const textFieldLine = ({value, width, focused, placeholder = ''}: TextFieldProps): string => {
  if (!focused) {
    const text = truncateToWidth(value.text === '' ? placeholder : toDisplayText(value.text), Math.max(1, width));
    return styled(text || ' ', {dimColor: value.text === ''});
  }
  const cells = cellsOf(value.text);
  let cursor = cells.findIndex(cell => value.cursor < cell.end);
  if (cursor === -1) cursor = cells.length;
  const cursorWidth = cells[cursor]?.width ?? 1;
  const room = Math.max(1, width);
  // Back from the cursor as far as fits, then on after it.
  let start = cursor;
  let used = cursorWidth;
  while (start > 0 && used + cells[start - 1]!.width <= room) used += cells[--start]!.width;
  let end = cursor + 1;
  while (end < cells.length && used + cells[end]!.width <= room) used += cells[end++]!.width;
  const join = (from: number, to: number) =>
    cells
      .slice(from, to)
      .map(cell => cell.text)
      .join('');
  return join(start, cursor) + styled(cells[cursor]?.text ?? ' ', {inverse: true}) + join(cursor + 1, end);
};

export const TextField = (props: TextFieldProps) => <Text wrap="truncate-end">{textFieldLine(props)}</Text>;
