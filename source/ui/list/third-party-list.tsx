/** The left pane: third parties in name order, only the visible rows drawn; or the lookup's matches. */
import {Box, Text} from 'ink';
import React, {useMemo} from 'react';
import {toDisplayText, type ExpiryMark, type ThirdParty} from '../../domain/index.js';
import type {Draft, ListFilter} from '../console/state.js';
import type {TextValue} from '../widgets/text-editing.js';
import {positionOf} from './list-cursor.js';
import {LIST_ROW_EXTRA, LIST_WIDTH} from '../console/layout.js';
import {Lines} from '../widgets/lines.js';
import {Pane} from '../widgets/pane.js';
import {displayWidth, truncateToWidth} from '../widgets/text-width.js';
import {TextField} from '../widgets/text-field.js';
import {styled} from '../widgets/styled.js';
import {focusGutter, useTheme, type Theme} from '../widgets/theme.js';
import {useScrollTop} from '../widgets/use-scroll-top.js';

/** ✗: a token has expired; !: one expires within 14 days (the header counts both). */
const MARKS: Record<ExpiryMark, string> = {expired: '✗', expiring: '!'};

/** One row of the list as styled text (widgets/styled.ts): marker, name, expiry mark, enabled dot. */
const listRow = (
  {
    name,
    enabled,
    highlighted,
    open,
    mark,
    width,
  }: {width: number; name: string; enabled: boolean; highlighted: boolean; open: boolean; mark: ExpiryMark | undefined},
  theme: Theme,
): string => {
  const room = nameWidth(width);
  const shown = truncateToWidth(name, room);
  return (
    focusGutter(highlighted, theme) +
    styled(shown, {color: highlighted ? theme.focus : undefined, bold: highlighted || open, underline: open && !highlighted}) +
    ' '.repeat(Math.max(0, room - displayWidth(shown))) +
    styled(mark ? ` ${MARKS[mark]}` : '  ', {color: mark === 'expired' ? theme.error : theme.warning}) +
    styled(enabled ? ' ●' : ' ○', {color: enabled ? theme.ok : theme.muted})
  );
};

/** The row less its borders, the focus marker, the expiry mark and the enabled dot; names are cut to it by columns (wide characters count two). */
const nameWidth = (width: number): number => width - LIST_ROW_EXTRA;

/** Records are immutable: a name's width is measured once per record. */
const nameWidths = new WeakMap<ThirdParty, number>();

/** The widest name in the list, in columns: the list grows to it on a wide terminal (console/layout.ts). */
export const longestNameWidth = (thirdParties: readonly ThirdParty[]): number => {
  let longest = 0;
  for (const thirdParty of thirdParties) {
    let width = nameWidths.get(thirdParty);
    if (width === undefined) {
      width = displayWidth(toDisplayText(thirdParty.name));
      nameWidths.set(thirdParty, width);
    }
    longest = Math.max(longest, width);
  }
  return longest;
};

export const ThirdPartyList = ({
  thirdParties,
  listIndex,
  draft,
  focused,
  filter,
  typing,
  height,
  marks,
  width = LIST_WIDTH,
}: {
  /** Wider than LIST_WIDTH on a wide terminal (console/layout.ts). */
  width?: number;
  thirdParties: readonly ThirdParty[];
  listIndex: number;
  draft: Draft | undefined;
  focused: boolean;
  /** Only these are listed, with their count, until Esc (list-cursor.ts). */
  filter: ListFilter | undefined;
  /** The filter as it is being typed (`/`, Ctrl+E). */
  typing: TextValue | undefined;
  height: number;
  marks?: ReadonlyMap<string, ExpiryMark>;
}) => {
  const theme = useTheme();
  const newRecord = draft?.isNew ? draft : undefined;
  const filtering = typing !== undefined || filter !== undefined;
  const headerRows = (filtering ? 1 : 0) + (newRecord ? 1 : 0);
  const visible = Math.max(1, height - 2 - headerRows);
  const count = filter ? filter.matches.length : thirdParties.length;
  const cursor = filter ? positionOf(filter.matches, listIndex) : listIndex;
  const highlight = filter ? filter.matches[cursor] : listIndex;
  const top = useScrollTop(cursor, visible, count);
  // The rows in view as one Lines (widgets/lines.tsx): a move changes one node, a scroll mounts none.
  // Made again only when the list changes, not on every key of the form (typing in a field).
  const highlighting = focused || typing !== undefined;
  const openId = draft?.thirdParty.id;
  const rows = useMemo(() => {
    const made: string[] = [];
    for (let row = top; row < Math.min(count, top + visible); row++) {
      const index = filter ? filter.matches[row]! : row;
      const thirdParty = thirdParties[index]!;
      made.push(
        listRow(
          {
            name: toDisplayText(thirdParty.name),
            enabled: thirdParty.enabled,
            highlighted: highlighting && index === highlight,
            open: openId === thirdParty.id,
            mark: marks?.get(thirdParty.id),
            width,
          },
          theme,
        ),
      );
    }
    return made;
  }, [thirdParties, filter, top, visible, count, highlighting, highlight, openId, marks, width, theme]);
  // Only a filter shows the counts (toLocaleString is slow on cold code: ~0.2 ms of a list move).
  const counted = filtering ? `${count.toLocaleString('en')} of ${thirdParties.length.toLocaleString('en')}` : '';
  return (
    <Pane
      title={filtering ? `Filter: ${counted}` : 'Third parties'}
      shortTitle={filtering ? counted : undefined}
      width={width}
      height={height}
      active={focused || typing !== undefined}
    >
      {/* "/" as less and vim show a search: the highlighted row keeps the only "›". */}
      {typing ? (
        <Box>
          <Text color={theme.focus}>/</Text>
          <TextField value={typing} width={width - 3} focused placeholder="part of a name" />
        </Box>
      ) : filter ? (
        <Text wrap="truncate-end" color={theme.muted}>
          {truncateToWidth(`/${toDisplayText(filter.query)}`, width - 2)}
        </Text>
      ) : null}
      {newRecord ? (
        <Text wrap="truncate-end" color={theme.warning}>
          {truncateToWidth(`+ ${newRecord.name.text.trim() ? toDisplayText(newRecord.name.text) : 'New third party'}`, width - 2)}
        </Text>
      ) : null}
      {rows.length > 0 ? <Lines rows={rows} width={width - 2} /> : null}
      {count === 0 ? <Text color={theme.muted}>{filtering ? '  no match' : '  none yet: ^N'}</Text> : null}
    </Pane>
  );
};
