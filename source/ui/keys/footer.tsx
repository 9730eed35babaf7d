import {Text} from 'ink';
import React from 'react';
import type {Hint} from './binding.js';
import {useTheme} from '../widgets/theme.js';

const SEPARATOR = ' · ';
const width = (hint: Hint): number => hint.key.length + 1 + hint.text.length;

/**
 * The hints that fit in `columns`, in order of use; the last `kept` ones (the ways out and F1)
 * always stay, so a narrow terminal drops "^R reveal" rather than "^Q quit" or "F1 more".
 */
export const fitHints = (hints: readonly Hint[], columns: number, kept = 1): Hint[] => {
  const tail = hints.slice(Math.max(0, hints.length - kept));
  const room = columns - 1; // the leading space
  let used = tail.reduce((sum, hint, index) => sum + width(hint) + (index > 0 ? SEPARATOR.length : 0), 0);
  const shown: Hint[] = [];
  for (const hint of hints.slice(0, hints.length - tail.length)) {
    const next = used + width(hint) + SEPARATOR.length;
    if (next > room) break;
    shown.push(hint);
    used = next;
  }
  return [...shown, ...tail];
};

/** The keys that work here: "Tab next · Space toggle · ^S save · …", as many as fit. */
export const Footer = ({hints, kept, columns}: {hints: readonly Hint[]; kept: number; columns: number}) => {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {' '}
      {fitHints(hints, columns, kept).map((hint, index) => (
        <Text key={hint.key + hint.text}>
          {index > 0 ? <Text color={theme.muted}>{SEPARATOR}</Text> : null}
          <Text bold>{hint.key}</Text>
          {` ${hint.text}`}
        </Text>
      ))}
    </Text>
  );
};
