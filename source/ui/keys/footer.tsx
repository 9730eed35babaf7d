import {Text} from 'ink';
import React from 'react';
import type {Hint} from './binding.js';
import {truncateToWidth} from '../widgets/text-width.js';
import {styled} from '../widgets/styled.js';
import {useTheme, type Theme} from '../widgets/theme.js';

const SEPARATOR = ' · ';
const width = (hint: Hint): number => hint.key.length + 1 + hint.text.length;

/**
 * The hints that fit in `columns`, in order of use; the kept ones (Tab, ^S, the ways out and F1)
 * always stay, so a narrow terminal drops "^R reveal" rather than "^S save" or "^Q quit".
 */
export const fitHints = (hints: readonly Hint[], columns: number): Hint[] => {
  const room = columns - 1; // the leading space
  const kept = hints.filter(hint => hint.kept);
  let used = kept.reduce((sum, hint) => sum + width(hint), 0) + SEPARATOR.length * Math.max(0, kept.length - 1);
  const dropped = new Set<Hint>();
  for (const hint of hints) {
    if (hint.kept) continue;
    const next = used + width(hint) + SEPARATOR.length;
    // Once one does not fit, the later ones go too: the order is the order of use.
    if (dropped.size > 0 || next > room) dropped.add(hint);
    else used = next;
  }
  return hints.filter(hint => !dropped.has(hint));
};

/** A hint as a styled string (widgets/styled.ts): " · " muted, the key bold, its text. */
const hintText = (hint: Hint, first: boolean, theme: Theme): string =>
  `${first ? '' : styled(SEPARATOR, {color: theme.muted})}${styled(hint.key, {bold: true})} ${hint.text}`;

/**
 * The keys that work here: "Tab next · Space toggle · ^S save · …", as many as fit; or, for one
 * key, a notice that the open dialog has no place for ("F5 does nothing here"), with the last
 * hint (F1) still beside it.
 */
export const Footer = ({hints, columns, notice}: {hints: readonly Hint[]; columns: number; notice?: string | undefined}) => {
  const theme = useTheme();
  if (notice) {
    const last = hints.at(-1);
    const room = columns - 1 - (last ? width(last) + SEPARATOR.length : 0);
    return (
      <Text wrap="truncate-end">
        {` ${styled(truncateToWidth(notice, room), {color: theme.warning})}${last ? hintText(last, false, theme) : ''}`}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {` ${fitHints(hints, columns)
        .map((hint, index) => hintText(hint, index === 0, theme))
        .join('')}`}
    </Text>
  );
};
