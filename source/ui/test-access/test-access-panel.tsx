/** Ctrl+T: the credentials under test, the verdict, the checklist, and the server's answer. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText, type AccessCheck, type PublicAddress} from '../../domain/index.js';
import type {ServerAnswer} from './access-tester.js';
import {Pane} from '../widgets/pane.js';
import {SECRET_FIELDS, type ServerState, type TestAccessDialog, type TestField} from './test-access-state.js';
import type {TextValue} from '../widgets/text-editing.js';
import {TextField} from '../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../widgets/theme.js';

const LABELS: Record<TestField, string> = {
  clientId: 'Client ID',
  clientSecret: 'Client Secret',
  token: 'OAuth Token',
  callbackUrl: 'Callback URL',
};
const PLACEHOLDERS: Record<TestField, string> = {
  clientId: 'empty',
  clientSecret: 'empty',
  token: 'empty',
  callbackUrl: 'optional; not checked when empty',
};
const LABEL_WIDTH = 15;

/** Bullets in place of the characters, the cursor where it was: the field edits as usual, nothing shows. */
const masked = (value: TextValue): TextValue => ({
  text: '•'.repeat([...value.text].length),
  cursor: [...value.text.slice(0, value.cursor)].length,
});

const Field = ({field, dialog, width}: {field: TestField; dialog: TestAccessDialog; width: number}) => {
  const theme = useTheme();
  const focused = dialog.focus === field;
  const value = dialog.fields[field];
  const shown = SECRET_FIELDS.includes(field) && !dialog.revealed ? masked(value) : value;
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        <Text color={theme.focus} bold>
          {focused ? FOCUS_MARKER : ' '}
        </Text>
      </Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text color={focused ? theme.focus : undefined} bold={focused}>
          {LABELS[field]}
        </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <TextField value={shown} width={width - 2 - LABEL_WIDTH} focused={focused} placeholder={PLACEHOLDERS[field]} />
      </Box>
    </Box>
  );
};

const CheckLine = ({check}: {check: AccessCheck}) => {
  const theme = useTheme();
  const mark = check.passed ? '✔' : check.skipped ? '–' : '✘';
  const color = check.passed ? theme.ok : check.skipped ? theme.muted : theme.error;
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={31} flexShrink={0}>
          <Text color={color} bold={!check.passed && !check.skipped}>{` ${mark} ${check.label}`}</Text>
        </Box>
        {check.passed || check.skipped ? (
          <Text color={theme.muted} wrap="wrap">
            {check.skipped ? 'not checked' : toDisplayText(check.reason)}
          </Text>
        ) : null}
      </Box>
      {!check.passed && !check.skipped ? (
        <Box paddingLeft={5}>
          <Text wrap="wrap" color={theme.error}>
            {toDisplayText(check.reason)}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
};

const answerText = (request: string, answer: ServerAnswer): string =>
  `   ${request.padEnd(23)}${`${answer.status} ${answer.summary}`.padEnd(19)}${Math.max(0, answer.ms).toFixed(answer.ms < 10 ? 1 : 0)} ms`;

const ServerLines = ({server}: {server: ServerState}) => {
  const theme = useTheme();
  // What the server said is a message and wraps; only the answers' table rows may be cut.
  const line = (text: string, color?: string, bold = false, wrap: 'wrap' | 'truncate-end' = 'wrap') => (
    <Text wrap={wrap} color={color} bold={bold}>
      {text}
    </Text>
  );
  switch (server.kind) {
    case 'looking':
      return line(' Server: looking for one running for this data file…', theme.muted);
    case 'absent':
      return line(` Server: ${server.why}`, theme.muted);
    case 'ready':
      return line(` Server ${server.url} running · Enter tests through it`);
    case 'testing':
      return line(` Server: testing through ${server.url}…`, theme.muted);
    case 'failed':
      return line(` Server: ${server.url} did not answer: ${server.message}`, theme.error);
    case 'answered':
      return (
        <Box flexDirection="column">
          {line(
            ` Server ${server.url}: ${server.test.granted ? '✔ Access granted' : '✘ Access denied'}`,
            server.test.granted ? theme.ok : theme.error,
            true,
          )}
          {line(answerText('POST /oauth/introspect', server.test.introspect), undefined, false, 'truncate-end')}
          {line(answerText('GET /v1/ping', server.test.ping), undefined, false, 'truncate-end')}
        </Box>
      );
  }
};

/** The address third parties use, when it is not the one tested through (an issuer such as a TLS reverse proxy). */
const publicLine = (server: ServerState, address: PublicAddress | undefined): string | undefined => {
  if (!address || address.source === 'default') return undefined;
  if ('url' in server && server.url === address.url) return undefined;
  return ` Third parties reach it at ${toDisplayText(address.url)}`;
};

export const TestAccessPanel = ({
  dialog,
  notice,
  address,
  width,
  height,
}: {
  dialog: TestAccessDialog;
  notice: string | undefined;
  /** The public address (domain/public-address.ts). */
  address?: PublicAddress | undefined;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  const {verdict} = dialog;
  const name = dialog.name.trim() ? toDisplayText(dialog.name.trim()) : 'a third party';
  const inner = width - 2;
  return (
    <Pane title={`Test access: ${name}`} shortTitle="Test access" width={width} height={height} active>
      {dialog.unsaved ? (
        <Text color={theme.warning} wrap="wrap">
          {' ⚠ Unsaved changes in the form are not tested (^S saves them).'}
        </Text>
      ) : dialog.thirdPartyId === undefined ? (
        <Text color={theme.warning} wrap="wrap">
          {' Not saved yet: nothing of it can be tested. Paste what to test.'}
        </Text>
      ) : (
        <Text color={theme.muted} wrap="wrap">
          {' What is saved, checked as the server checks it:'}
        </Text>
      )}
      {(['clientId', 'clientSecret', 'token', 'callbackUrl'] as const).map(field => (
        <Field key={field} field={field} dialog={dialog} width={inner} />
      ))}
      <Text bold inverse color={verdict.granted ? theme.ok : theme.error}>
        {verdict.granted ? ' ✔ Access granted ' : ' ✘ Access denied '}
      </Text>
      {verdict.checks.map(check => (
        <CheckLine key={check.id} check={check} />
      ))}
      {verdict.troubleshooting ? (
        <Text wrap="wrap" color={theme.warning}>
          {` → ${verdict.troubleshooting}`}
        </Text>
      ) : null}
      {notice ? (
        <Text wrap="wrap" color={theme.muted}>
          {` ${notice}`}
        </Text>
      ) : null}
      <ServerLines server={dialog.server} />
      {publicLine(dialog.server, address) ? (
        <Text wrap="wrap" color={theme.muted}>
          {publicLine(dialog.server, address)}
        </Text>
      ) : null}
    </Pane>
  );
};
