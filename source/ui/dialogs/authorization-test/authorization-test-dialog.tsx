/** The automatic-authorization test's steps: each with its answer and time; the first failing one says what to look at. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../../domain/index.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {useTheme} from '../../widgets/theme.js';
import type {AuthorizationTestDialog as Dialog} from './authorization-test-state.js';
import type {DialogEntry} from '../dialog-entry.js';
import {authorizationTestKeys} from './authorization-test-keys.js';

const STEP_WIDTH = 11;
/** A space, the mark (✔ or ✘, as the README and the Ctrl+T checks use), a space. */
const MARK_WIDTH = 3;

export const AuthorizationTestDialog = ({dialog, width, height}: {dialog: Dialog; width: number; height: number}) => {
  const theme = useTheme();
  const {result} = dialog;
  return (
    <Pane
      title={`Automatic authorization test: ${toDisplayText(dialog.name)}`}
      shortTitle="Automatic authorization test"
      width={width}
      height={height}
      active
    >
      <Paragraph color={theme.muted}>
        Through the running server, as the application would: discovery, authorize with PKCE, code, token, introspect, revoke.
      </Paragraph>
      {result === undefined ? <Text color={theme.muted}>{' Running…'}</Text> : null}
      {(result?.steps ?? []).map(step => (
        <Box key={step.name}>
          {/* A box of its own: Ink trims a Text's trailing space, which ran the mark into the name. */}
          <Box width={MARK_WIDTH} flexShrink={0}>
            <Text color={step.ok ? theme.ok : theme.error}>{step.ok ? ' ✔' : ' ✘'}</Text>
          </Box>
          <Box width={STEP_WIDTH} flexShrink={0}>
            <Text bold>{step.name}</Text>
          </Box>
          {/* The server's answer is a message: it wraps, never cut with "…". */}
          <Box flexGrow={1} flexShrink={1}>
            <Text wrap="wrap">{toDisplayText(step.answer)}</Text>
          </Box>
          <Box flexShrink={0}>
            <Text color={theme.muted}>{` ${Math.round(step.ms)} ms`}</Text>
          </Box>
        </Box>
      ))}
      {result?.ok ? (
        <Paragraph color={theme.ok}>Automatic authorization works. The test token was revoked (history: test).</Paragraph>
      ) : null}
      {result?.failed ? (
        <Paragraph color={theme.error}>{`Failed at ${result.failed.step}. ${toDisplayText(result.failed.lookAt)}`}</Paragraph>
      ) : null}
    </Pane>
  );
};

export const authorizationTestEntry: DialogEntry<'authorizationTest'> = {
  keys: authorizationTestKeys,
  place: 'beside',
  View: AuthorizationTestDialog,
};
