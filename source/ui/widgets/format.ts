/** How times and states read on screen: local dates, as the admin thinks of them. */
import {tokenState, type OAuthToken} from '../../domain/index.js';

const pad = (value: number): string => String(value).padStart(2, '0');

/** YYYY-MM-DD in local time. */
export const formatDate = (iso: string | null): string => {
  if (iso === null) return 'never';
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** HH:MM:SS in local time. */
export const formatTime = (date: Date): string => `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;

/** "2026-11-29 10:02" in local time. */
export const formatMinute = (iso: string): string => `${formatDate(iso)} ${formatTime(new Date(iso)).slice(0, 5)}`;

export const activeLabel = (token: OAuthToken, now: Date): string => {
  const state = tokenState(token, now);
  return state === 'expired' ? 'expired' : state === 'active' ? '[x]' : '[ ]';
};

export const MASK = '•'.repeat(20);
