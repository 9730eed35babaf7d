/**
 * Ctrl+O: the OAuth information the third party needs, as it will be sent. On screen the secret
 * and the token are shortened until revealed (Ctrl+R); what is copied or written has them in full.
 * A sheet longer than the pane scrolls (send-sheet-rows.ts) and says which lines are shown.
 */
import {Box, Text} from 'ink';
import React from 'react';
import type {OAuthToken, PublicAddress, ThirdParty} from '../../../domain/index.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {pageRows, scrollWindow} from '../../widgets/scroll.js';
import {TextField} from '../../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';
import {fullPathRows, pathFieldWidth, sheetPage, sheetRows} from './send-sheet-rows.js';
import type {SendDialog} from './send-state.js';
import type {DialogEntry} from '../dialog-entry.js';
import {savedThirdParty, tokenOf} from '../../console/draft.js';
import {addressOf} from '../../console/public-address.js';
import {sendKeys} from './send-keys.js';

export const SendSheet = ({
  dialog,
  thirdParty,
  token,
  address,
  width,
  height,
}: {
  dialog: SendDialog;
  thirdParty: ThirdParty;
  /** The newest usable token; none for a third party with a callback URL that has none (the flow alone). */
  token: OAuthToken | undefined;
  address: PublicAddress;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  const rows = sheetRows({dialog, thirdParty, token, address, paneWidth: width});
  const page = sheetPage(dialog, width, pageRows(height));
  const {shown, where} = scrollWindow(rows, dialog.top ?? 0, page);
  return (
    <Pane title="Send OAuth information" width={width} height={height} active>
      {shown.map((row, index) => (
        <Text key={index} color={row.tone === 'warning' ? theme.warning : row.tone === 'muted' ? theme.muted : undefined}>
          {` ${row.text}`}
        </Text>
      ))}
      {/* Where am I: only when some of the sheet is out of view. */}
      {rows.length > page ? <Text color={theme.muted}>{` ${where}`}</Text> : null}
      <Text> </Text>
      {dialog.step === 'sheet' ? null : (
        <Box>
          <Text color={theme.focus} bold>{` ${FOCUS_MARKER} File `}</Text>
          <TextField value={dialog.path} width={pathFieldWidth(width)} focused={dialog.step === 'path'} />
        </Box>
      )}
      {fullPathRows(dialog, width).map((row, index) => (
        <Text key={`path${index}`} color={theme.muted}>{` ${row}`}</Text>
      ))}
      {dialog.message ? (
        <Paragraph color={dialog.message.tone === 'error' ? theme.error : theme.ok}>{dialog.message.text}</Paragraph>
      ) : null}
    </Pane>
  );
};

export const sendEntry: DialogEntry<'send'> = {
  keys: sendKeys,
  place: 'beside',
  View: ({dialog, state, width, height}) => {
    const thirdParty = savedThirdParty(state, dialog.thirdPartyId);
    const token = tokenOf(thirdParty, dialog.tokenId);
    return thirdParty && (token || dialog.tokenId === undefined) ? (
      <SendSheet dialog={dialog} thirdParty={thirdParty} token={token} address={addressOf(state)} width={width} height={height} />
    ) : null;
  },
};
