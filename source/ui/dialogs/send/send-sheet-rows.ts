/**
 * Ctrl+O's sheet as rows of the pane it is shown in: each line wrapped to the pane (nothing cut
 * off), and how many of them a page shows under the lines kept at the bottom (the file name,
 * the last message). The view shows a window of these rows; the reducer counts the same rows
 * to scroll (ARCHITECTURE.md, Keys).
 */
import {addressWarning, oauthSheetLines, type OAuthToken, type PublicAddress, type ThirdParty} from '../../../domain/index.js';
import {addressOf} from '../../console/public-address.js';
import type {ConsoleState, Pages} from '../../console/state.js';
import {formatMinute} from '../../widgets/format.js';
import {scrolledTop} from '../../widgets/scroll.js';
import {displayWidth} from '../../widgets/text-width.js';
import {wrapToWidth} from '../../widgets/wrap.js';
import {savedThirdParty, tokenOf} from '../../console/draft.js';
import type {SendDialog} from './send-state.js';

export interface SheetRow {
  readonly text: string;
  readonly tone?: 'warning' | 'muted';
}

/** The columns of text inside the pane: the borders and a margin of one column on each side. */
export const sheetTextWidth = (paneWidth: number): number => Math.max(10, paneWidth - 4);

/** The curl command on screen, one argument a line (shell continuations), so it breaks only between arguments. */
const commandLines = (line: string): string[] => {
  if (!line.startsWith('curl ')) return [line];
  const parts = line.split(/ (?=-[ud] |http)/);
  return parts.map((part, index) => `${index === 0 ? '' : '  '}${part}${index < parts.length - 1 ? ' \\' : ''}`);
};

/** A line wrapped to the width; a continued line keeps the indent of the line it continues. */
const wrapped = (line: string, width: number): string[] => {
  const indent = /^ */.exec(line)![0];
  return wrapToWidth(line.slice(indent.length), width - indent.length).map(part => `${indent}${part}`);
};

export const sheetRows = ({
  dialog,
  thirdParty,
  token,
  address,
  paneWidth,
}: {
  dialog: SendDialog;
  thirdParty: ThirdParty;
  /** The newest usable token; none for a third party with a callback URL that has none (the flow alone). */
  token: OAuthToken | undefined;
  address: PublicAddress;
  paneWidth: number;
}): SheetRow[] => {
  const width = sheetTextWidth(paneWidth);
  // First, before C or W: a third party on another machine cannot use this machine's own address.
  const warning = addressWarning(address, 'console');
  const rows: SheetRow[] = warning
    ? [...wrapToWidth(`⚠ ${warning}`, width).map(text => ({text, tone: 'warning' as const})), {text: ''}]
    : [];
  // The title and the closing advice are in the copy only; the pane has its own title.
  const lines = oauthSheetLines(thirdParty, token, address.url, {concealed: !dialog.revealed}).slice(2, -2);
  rows.push(...lines.flatMap(commandLines).flatMap(line => wrapped(line, width).map(text => ({text}))));
  if (!thirdParty.enabled)
    for (const text of wrapToWidth('Enabled is not selected: access is refused until it is.', width)) rows.push({text, tone: 'warning'});
  if (token?.sentAt) {
    const sent = `This token was last sent ${formatMinute(token.sentAt)}.`;
    for (const text of wrapToWidth(sent, width)) rows.push({text, tone: 'muted'});
  }
  return rows;
};

/** The columns of the file name field: the pane less its borders and the "› File " label. */
export const pathFieldWidth = (paneWidth: number): number => Math.max(1, paneWidth - 10);

/** The file name in full, wrapped, under its field when the field cannot show it whole (a path beside the data file). */
export const fullPathRows = (dialog: SendDialog, paneWidth: number): string[] =>
  dialog.step === 'sheet' || displayWidth(dialog.path.text) < pathFieldWidth(paneWidth)
    ? []
    : wrapToWidth(dialog.path.text, sheetTextWidth(paneWidth));

/** The lines under the sheet: a blank line, the file name while it is asked for (in full), the last message wrapped. */
export const rowsBelowSheet = (dialog: SendDialog, paneWidth: number): number =>
  1 +
  (dialog.step === 'sheet' ? 0 : 1) +
  fullPathRows(dialog, paneWidth).length +
  (dialog.message ? wrapToWidth(dialog.message.text, sheetTextWidth(paneWidth)).length : 0);

/** The sheet's rows a page shows: a scrolling pane's page (`widgets/scroll.ts`'s pageRows) less the lines below it. */
export const sheetPage = (dialog: SendDialog, paneWidth: number, page: number): number =>
  Math.max(1, page - rowsBelowSheet(dialog, paneWidth));

/** The sheet's rows as the console shows them now (the reducer's count, the same as the view's). */
export const sheetRowsOf = (state: ConsoleState, dialog: SendDialog, pages: Pages): SheetRow[] => {
  const thirdParty = savedThirdParty(state, dialog.thirdPartyId);
  if (!thirdParty) return [];
  const token = tokenOf(thirdParty, dialog.tokenId);
  return sheetRows({dialog, thirdParty, token, address: addressOf(state), paneWidth: pages.paneWidth});
};

/** The dialog with its first row moved by `by` (±Infinity: Home, End), never past the last page. */
export const scrolledSheet = (state: ConsoleState, dialog: SendDialog, pages: Pages, by: number): SendDialog => ({
  ...dialog,
  top: scrolledTop(dialog.top ?? 0, by, sheetRowsOf(state, dialog, pages).length, sheetPage(dialog, pages.paneWidth, pages.helpPage)),
});
