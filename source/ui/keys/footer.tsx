import {Text} from 'ink';
import React from 'react';
import type {FooterHint} from './keymap.js';
import {useTheme} from '../widgets/theme.js';

const SEPARATOR = ' · ';
const width = (hint: FooterHint): number => hint.key.length + 1 + hint.text.length;

/**
 * The hints that fit in `columns`, in order of use; the last one (the help) always stays, so a
 * narrow terminal drops "^R reveal" rather than "F1 help".
 */
export const fitHints = (hints: readonly FooterHint[], columns: number): FooterHint[] => {
  const last = hints.at(-1);
  if (!last) return [];
  const room = columns - 1; // the leading space
  let used = width(last);
  const kept: FooterHint[] = [];
  for (const hint of hints.slice(0, -1)) {
    const next = used + width(hint) + SEPARATOR.length;
    if (next > room) break;
    kept.push(hint);
    used = next;
  }
  return [...kept, last];
};

/** The keys that work here: "Tab next · Space toggle · ^S save · …", as many as fit. */
export const Footer = ({hints, columns}: {hints: readonly FooterHint[]; columns: number}) => {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {' '}
      {fitHints(hints, columns).map((hint, index) => (
        <Text key={hint.key + hint.text}>
          {index > 0 ? <Text color={theme.muted}>{SEPARATOR}</Text> : null}
          <Text bold>{hint.key}</Text>
          {` ${hint.text}`}
        </Text>
      ))}
    </Text>
  );
};
