/** Delete on a token row: asks before the token is taken out of the form. */
import {Box, Text} from 'ink';
import React from 'react';
import {isUsable, shortenCredential, toDisplayText, type OAuthToken, type ThirdParty} from '../../../domain/index.js';
import {KeyLine} from '../../keys/key-line.js';
import {formatDate} from '../../widgets/format.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {useTheme} from '../../widgets/theme.js';
import {deleteTokenKeys} from './delete-token-keys.js';
import type {DialogEntry} from '../dialog-entry.js';
import {tokenOf} from '../../console/draft.js';

export const DeleteTokenDialog = ({
  thirdParty,
  token,
  now,
  width,
  height,
}: {
  thirdParty: ThirdParty;
  token: OAuthToken;
  now: Date;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  const lastUsable = isUsable(token, now) && thirdParty.tokens.filter(other => isUsable(other, now)).length === 1;
  return (
    <Pane title="Delete OAuth token" width={width} height={height} active>
      <Text> </Text>
      <Paragraph>{`Delete the OAuth token ${shortenCredential(token.token)} (created ${formatDate(token.createdAt)}, expires ${formatDate(token.expiresAt)})?`}</Paragraph>
      <Paragraph>The third party can no longer use it once you save (Ctrl+S).</Paragraph>
      {lastUsable ? (
        <Paragraph color={theme.warning}>{`It is the only active token of ${toDisplayText(thirdParty.name)}: its access stops.`}</Paragraph>
      ) : null}
      <Text> </Text>
      <Box paddingX={1}>
        <KeyLine context={deleteTokenKeys} width={width - 4} />
      </Box>
    </Pane>
  );
};

export const deleteTokenEntry: DialogEntry<'deleteToken'> = {
  keys: deleteTokenKeys,
  place: 'beside',
  View: ({dialog, state, now, width, height}) => {
    const thirdParty = state.draft?.thirdParty;
    const token = tokenOf(thirdParty, dialog.tokenId);
    return thirdParty && token ? <DeleteTokenDialog thirdParty={thirdParty} token={token} now={now} width={width} height={height} /> : null;
  },
};
