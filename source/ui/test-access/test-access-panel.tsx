/** Ctrl+T: the credentials under test, the verdict, the checklist, and the server's answer. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText, type AccessCheck, type PublicAddress} from '../../domain/index.js';
import type {ServerAnswer} from './access-tester.js';
import {Pane} from '../widgets/pane.js';
import {Paragraph} from '../widgets/paragraph.js';
import {wrapToWidth} from '../widgets/wrap.js';
import {SECRET_FIELDS, type ServerState, type TestAccessDialog, type TestField} from './test-access-state.js';
import type {TextValue} from '../widgets/text-editing.js';
import {TextField} from '../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../widgets/theme.js';
import type {DialogEntry} from '../dialogs/dialog-entry.js';
import {addressOf} from '../console/public-address.js';
import {testAccessKeys} from './test-access-keys.js';

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

/** The label column of a check: its mark and name. */
const CHECK_LABEL_WIDTH = 31;

const CheckLine = ({check, width}: {check: AccessCheck; width: number}) => {
  const theme = useTheme();
  const mark = check.passed ? '✔' : check.skipped ? '–' : '✘';
  const color = check.passed ? theme.ok : check.skipped ? theme.muted : theme.error;
  const failed = !check.passed && !check.skipped;
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={CHECK_LABEL_WIDTH} flexShrink={0}>
          <Text color={color} bold={failed}>{` ${mark} ${check.label}`}</Text>
        </Box>
        {failed ? null : (
          <Box flexDirection="column">
            {wrapToWidth(check.skipped ? 'not checked' : toDisplayText(check.reason), Math.max(1, width - CHECK_LABEL_WIDTH)).map(
              (line, index) => (
                <Text key={index} color={theme.muted}>
                  {line}
                </Text>
              ),
            )}
          </Box>
        )}
      </Box>
      {failed ? (
        <Box paddingLeft={4}>
          <Paragraph color={theme.error} width={width - 4}>
            {toDisplayText(check.reason)}
          </Paragraph>
        </Box>
      ) : null}
    </Box>
  );
};

const answerText = (request: string, answer: ServerAnswer): string =>
  `   ${request.padEnd(23)}${`${answer.status} ${answer.summary}`.padEnd(19)}${Math.max(0, answer.ms).toFixed(answer.ms < 10 ? 1 : 0)} ms`;

const ServerLines = ({server}: {server: ServerState}) => {
  const theme = useTheme();
  // What the server said is a message and wraps, each line at its first line's column; only the answers' table rows may be cut.
  const line = (text: string, color?: string, bold = false) => (
    <Paragraph color={color} bold={bold}>
      {text}
    </Paragraph>
  );
  const row = (text: string) => <Text wrap="truncate-end">{text}</Text>;
  switch (server.kind) {
    case 'looking':
      return line('Server: looking for one running for this data file…', theme.muted);
    case 'absent':
      return line(`Server: ${server.why}`, theme.muted);
    case 'ready':
      return line(`Server ${server.url} running · Enter tests through it`);
    case 'testing':
      return line(`Server: testing through ${server.url}…`, theme.muted);
    case 'failed':
      return line(`Server: ${server.url} did not answer: ${server.message}`, theme.error);
    case 'answered':
      return (
        <Box flexDirection="column">
          {line(
            `Server ${server.url}: ${server.test.granted ? '✔ Access granted' : '✘ Access denied'}`,
            server.test.granted ? theme.ok : theme.error,
            true,
          )}
          {row(answerText('POST /oauth/introspect', server.test.introspect))}
          {row(answerText('GET /v1/ping', server.test.ping))}
        </Box>
      );
  }
};

/** The address third parties use, when it is not the one tested through (an issuer such as a TLS reverse proxy). */
const publicLine = (server: ServerState, address: PublicAddress | undefined): string | undefined => {
  if (!address || address.source === 'default') return undefined;
  if ('url' in server && server.url === address.url) return undefined;
  return `Third parties reach it at ${toDisplayText(address.url)}`;
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
  const publicText = publicLine(dialog.server, address);
  return (
    <Pane title={`Test access: ${name}`} shortTitle="Test access" width={width} height={height} active>
      {/* Never shrunk: a panel taller than the pane is cut at its bottom, not drawn over itself (Paragraph's reason). */}
      <Box flexDirection="column" flexShrink={0}>
        {dialog.unsaved ? (
          <Paragraph color={theme.warning}>⚠ Unsaved changes in the form are not tested (^S saves them).</Paragraph>
        ) : dialog.thirdPartyId === undefined ? (
          <Paragraph color={theme.warning}>Not saved yet: nothing of it can be tested. Paste what to test.</Paragraph>
        ) : (
          <Paragraph color={theme.muted}>What is saved, checked as the server checks it:</Paragraph>
        )}
        {(['clientId', 'clientSecret', 'token', 'callbackUrl'] as const).map(field => (
          <Field key={field} field={field} dialog={dialog} width={inner} />
        ))}
        <Text bold inverse color={verdict.granted ? theme.ok : theme.error}>
          {verdict.granted ? ' ✔ Access granted ' : ' ✘ Access denied '}
        </Text>
        {verdict.checks.map(check => (
          <CheckLine key={check.id} check={check} width={inner} />
        ))}
        {verdict.troubleshooting ? <Paragraph color={theme.warning}>{`→ ${verdict.troubleshooting}`}</Paragraph> : null}
        {notice ? <Paragraph color={theme.muted}>{notice}</Paragraph> : null}
        <ServerLines server={dialog.server} />
        {publicText ? <Paragraph color={theme.muted}>{publicText}</Paragraph> : null}
      </Box>
    </Pane>
  );
};

export const testAccessEntry: DialogEntry<'testAccess'> = {
  keys: testAccessKeys,
  place: 'beside',
  showsNotice: true,
  View: ({dialog, state, width, height}) => (
    <TestAccessPanel dialog={dialog} notice={state.notice} address={addressOf(state)} width={width} height={height} />
  ),
};
