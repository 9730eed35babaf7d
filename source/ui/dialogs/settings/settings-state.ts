/**
 * F2: the data file's settings, today the authorization server's public address (issuer):
 * what discovery, the OAuth sheet and the form's "starts at" use (`tpa serve --issuer` sets it
 * too). Empty: the address the running server listens on.
 */
import type {ConsoleState} from '../../console/state.js';
import {textValue, type TextValue} from '../../widgets/text-editing.js';

export interface SettingsDialog {
  readonly kind: 'settings';
  readonly issuer: TextValue;
  readonly error?: string | undefined;
}

export type SettingsRequest = {readonly kind: 'saveSettings'; readonly issuer: string | undefined};

/** An absolute http(s) URL without query, fragment or user:password (RFC 8414 §2); a trailing slash is dropped. */
export const checkIssuerText = (text: string): {readonly issuer: string | undefined} | {readonly message: string} => {
  const trimmed = text.trim();
  if (trimmed === '') return {issuer: undefined};
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {message: 'Type an absolute URL such as https://tpa.example.com, or leave it empty.'};
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return {message: 'The address starts with https:// (or http://).'};
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || trimmed.length > 2_048)
    return {message: 'No query, fragment or user:password in the address (RFC 8414 §2).'};
  return {issuer: trimmed.replace(/\/+$/, '')};
};

export const openSettings = (state: ConsoleState, saved: string | undefined): ConsoleState => ({
  ...state,
  dialog: {kind: 'settings', issuer: textValue(saved ?? '')},
});

export const requestSaveSettings = (state: ConsoleState): ConsoleState => {
  if (state.dialog?.kind !== 'settings') return state;
  const checked = checkIssuerText(state.dialog.issuer.text);
  if ('message' in checked) return {...state, dialog: {...state.dialog, error: checked.message}};
  return {...state, request: {kind: 'saveSettings', issuer: checked.issuer}};
};
