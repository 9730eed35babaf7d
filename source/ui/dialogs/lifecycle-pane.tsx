/** The right pane while a lifecycle dialog is open, and the keys the footer shows for it. */
import React from 'react';
import type {ThirdParty} from '../../domain/index.js';
import {DeleteThirdPartyDialog, DeleteTokenDialog, RotateDialog} from './confirm-dialogs.js';
import type {ConsoleState} from '../console/state.js';
import {ExpiryMenu} from './expiry/expiry-menu.js';
import {HistoryDialog} from './history/history-dialog.js';
import {bindingFor, formatKey, type FooterHint} from '../keys/keymap.js';
import {savedThirdParty, type LifecycleDialog} from './lifecycle-state.js';
import {SendSheet} from './send/send-sheet.js';

const sheetHint = (action: 'copySheet' | 'writeSheet'): FooterHint => ({
  key: formatKey(bindingFor(action).keys[0]!),
  text: bindingFor(action).short,
});

export const lifecycleHints = (dialog: LifecycleDialog): FooterHint[] => {
  switch (dialog.kind) {
    case 'expiry':
      return [
        {key: '↑↓', text: 'choose'},
        {key: 'Enter', text: 'set'},
        {key: '0-9', text: 'type a date'},
        {key: 'Esc', text: 'cancel'},
      ];
    case 'deleteToken':
      return [
        {key: 'Y', text: 'delete'},
        {key: 'N', text: 'keep'},
        {key: 'Esc', text: 'keep'},
      ];
    case 'deleteThirdParty':
      return [
        {key: 'type', text: 'the name'},
        {key: 'Enter', text: 'delete'},
        {key: 'Esc', text: 'keep'},
      ];
    case 'rotate':
      return [
        {key: 'type', text: 'hours'},
        {key: 'Enter', text: 'rotate'},
        {key: 'Esc', text: 'cancel'},
      ];
    case 'send':
      if (dialog.step === 'path')
        return [
          {key: 'type', text: 'file name'},
          {key: 'Enter', text: 'write'},
          {key: 'Esc', text: 'back'},
        ];
      if (dialog.step === 'overwrite')
        return [
          {key: 'Y', text: 'overwrite'},
          {key: 'N', text: 'another name'},
        ];
      return [
        sheetHint('copySheet'),
        sheetHint('writeSheet'),
        {key: '^R', text: dialog.revealed ? 'mask' : 'reveal'},
        {key: 'Esc', text: 'close'},
      ];
    case 'history':
      return [{key: 'Esc', text: 'close'}];
  }
};

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
      const token = tokenOf(thirdParty, dialog.tokenId);
      return thirdParty && token ? <SendSheet dialog={dialog} thirdParty={thirdParty} token={token} width={width} height={height} /> : null;
    }
    case 'history':
      return <HistoryDialog dialog={dialog} width={width} height={height} />;
  }
};
