/** One line of editable text: clipped to its width, scrolled so the cursor stays in view. */
import {Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../domain/index.js';
import type {TextValue} from './text-editing.js';

export const TextField = ({value, width, focused, placeholder = ''}: {value: TextValue; width: number; focused: boolean; placeholder?: string}) => {
  if (!focused) {
    const text = value.text === '' ? placeholder : toDisplayText(value.text);
    return (
      <Text wrap="truncate-end" dimColor={value.text === ''}>
        {text || ' '}
      </Text>
    );
  }
  const characters = [...toDisplayText(value.text)];
  const cursor = [...value.text.slice(0, value.cursor)].length;
  const room = Math.max(1, width - 1);
  const start = Math.max(0, cursor - room + 1);
  const before = characters.slice(start, cursor).join('');
  const atCursor = characters[cursor] ?? ' ';
  const after = characters.slice(cursor + 1, start + room).join('');
  return (
    <Text wrap="truncate-end">
      {before}
      <Text inverse>{atCursor}</Text>
      {after}
    </Text>
  );
};
