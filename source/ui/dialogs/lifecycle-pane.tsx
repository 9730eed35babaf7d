/** The right pane while a lifecycle dialog is open. */
import React from 'react';
import type {ThirdParty} from '../../domain/index.js';
import {DeleteThirdPartyDialog} from './delete-third-party/delete-third-party-dialog.js';
import {DeleteTokenDialog} from './delete-token/delete-token-dialog.js';
import {RotateDialog} from './rotate-secret/rotate-secret-dialog.js';
import {addressOf} from '../console/public-address.js';
import type {ConsoleState} from '../console/state.js';
import {ExpiryMenu} from './expiry/expiry-menu.js';
import {savedThirdParty, type LifecycleDialog} from './lifecycle-state.js';
import {SendSheet} from './send/send-sheet.js';

export const LifecyclePane = ({
  state,
  dialog,
  now,
  width,
  height,
}: {
  state: ConsoleState;
  dialog: LifecycleDialog;
  now: Date;
  width: number;
  height: number;
}) => {
  const draft = state.draft?.thirdParty;
  const tokenOf = (thirdParty: ThirdParty | undefined, id: string) => thirdParty?.tokens.find(token => token.id === id);
  switch (dialog.kind) {
    case 'expiry': {
      const token = tokenOf(draft, dialog.tokenId);
      return token ? <ExpiryMenu dialog={dialog} token={token} now={now} width={width} height={height} /> : null;
    }
    case 'deleteToken': {
      const token = tokenOf(draft, dialog.tokenId);
      return draft && token ? <DeleteTokenDialog thirdParty={draft} token={token} now={now} width={width} height={height} /> : null;
    }
    case 'deleteThirdParty':
      return <DeleteThirdPartyDialog dialog={dialog} width={width} height={height} />;
    case 'rotate':
      return draft ? <RotateDialog dialog={dialog} thirdParty={draft} width={width} height={height} /> : null;
    case 'send': {
      const thirdParty = savedThirdParty(state, dialog.thirdPartyId);
      const token = dialog.tokenId === undefined ? undefined : tokenOf(thirdParty, dialog.tokenId);
      return thirdParty && (token || dialog.tokenId === undefined) ? (
        <SendSheet dialog={dialog} thirdParty={thirdParty} token={token} address={addressOf(state)} width={width} height={height} />
      ) : null;
    }
    case 'history':
      // Across both panes, as F1's help (app.tsx).
      return null;
  }
};
