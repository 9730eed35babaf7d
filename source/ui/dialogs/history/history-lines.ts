/** Ctrl+Y's rows: one per audit entry and one per change, in the admin's words, newest first. */
import {toDisplayText, type AuditChange, type AuditEntry, type AuditValue} from '../../../domain/index.js';
import {formatDate, formatMinute} from '../../widgets/format.js';
import {wrapToWidth} from '../../widgets/wrap.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const valueText = (value: AuditValue): string => {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return ISO.test(value) ? formatMinute(value) : toDisplayText(value);
  if (typeof value['token'] === 'string') {
    const expires = value['expiresAt'];
    return `${toDisplayText(value['token'])} (expires ${typeof expires === 'string' ? formatDate(expires) : 'never'})`;
  }
  if (typeof value['secret'] === 'string')
    return `${toDisplayText(value['secret'])} until ${typeof value['validUntil'] === 'string' ? formatDate(value['validUntil']) : '—'}`;
  return toDisplayText(JSON.stringify(value));
};

const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  clientId: 'client ID',
  clientSecret: 'client secret',
  previousClientSecret: 'previous secret',
  enabled: 'Enabled',
  callbackUrl: 'callback URL',
  approval: 'approval',
};

const TOKEN_FIELD_NAMES: Record<string, string> = {expiresAt: 'expires', active: 'Active', sentAt: 'sent'};

/** "tokens[tpat_Xk3…9fQ2].expiresAt" → "token tpat_Xk3…9fQ2 expires". */
const fieldName = (field: string): string => {
  const token = /^tokens\[(.+)\]\.(\w+)$/.exec(field);
  if (token) return `token ${token[1]} ${TOKEN_FIELD_NAMES[token[2]!] ?? token[2]}`;
  return FIELD_NAMES[field] ?? field;
};

/** One line per change, in the admin's words. */
export const changeLine = (change: AuditChange): string => {
  if (change.field === 'tokens')
    return change.old === null ? `token added ${valueText(change.new)}` : `token deleted ${valueText(change.old)}`;
  if (change.field === 'sentTo') return `sent to ${valueText(change.new)}`;
  // What the authorization server did: "token issued by automatic authorization", "… replaced", "… revoked".
  if (change.field === 'event') return valueText(change.new);
  return `${toDisplayText(fieldName(change.field))}: ${valueText(change.old)} → ${valueText(change.new)}`;
};

export interface HistoryLine {
  readonly text: string;
  readonly heading: boolean;
}

/** Changes are indented under their entry, and a change's continued lines under the change. */
const CHANGE_INDENT = '   ';
const CONTINUED_INDENT = '     ';

/** The entries read are not changed while the history is open: their rows are wrapped once per width, not at every key and frame. */
const wrapped = new WeakMap<readonly AuditEntry[], {readonly width: number; readonly lines: readonly HistoryLine[]}>();

/**
 * Every row the history shows inside a pane `width` columns wide (the reducer counts them to
 * scroll; the dialog shows a window of them, each after a space): wrapped, nothing cut off.
 */
export const historyLines = (entries: readonly AuditEntry[], width: number): readonly HistoryLine[] => {
  const cached = wrapped.get(entries);
  if (cached?.width === width) return cached.lines;
  const lines: HistoryLine[] = [];
  const push = (text: string, heading: boolean, indent: string) =>
    wrapToWidth(text, Math.max(10, width - 1 - CONTINUED_INDENT.length)).forEach((line, index) =>
      lines.push({text: `${index === 0 ? indent : CONTINUED_INDENT}${line}`, heading}),
    );
  for (const entry of entries) {
    push(`${formatMinute(entry.time)}  ${toDisplayText(entry.actor)}  ${entry.action}`, true, '');
    for (const change of entry.changes) push(changeLine(change), false, CHANGE_INDENT);
  }
  wrapped.set(entries, {width, lines});
  return lines;
};
