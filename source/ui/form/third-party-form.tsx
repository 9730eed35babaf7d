/** The right pane: one third party's fields in the order of the Connect procedure. */
import {Box, Text} from 'ink';
import React, {type ReactNode} from 'react';
import {
  approvalText,
  authorizationOf,
  isPreviousSecretValid,
  lastAutomaticAuthorization,
  toDisplayText,
  type FieldErrors,
  type PublicAddress,
} from '../../domain/index.js';
import type {Draft} from '../console/state.js';
import {formatMinute, MASK} from '../widgets/format.js';
import type {FocusZone} from '../keys/keymap.js';
import {Pane} from '../widgets/pane.js';
import {TextField} from '../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../widgets/theme.js';
import {TokenGrid} from '../token-grid/token-grid.js';

const LABEL_WIDTH = 18;

/** The two-character gutter that holds the focus marker (a span of the row's Text). */
const Gutter = ({focused}: {focused: boolean}) => {
  const theme = useTheme();
  return (
    <Text color={theme.focus} bold>
      {focused ? `${FOCUS_MARKER} ` : '  '}
    </Text>
  );
};

/**
 * A labelled row as one Text, its parts nested spans (the value is a Text too: a TextField or a
 * plain one): one layout node a row instead of five, cut at the pane's edge as before
 * (bench/README.md, issue 20).
 */
const Field = ({label, focused, children}: {label: string; focused: boolean; children: ReactNode}) => {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Gutter focused={focused} />
      <Text color={focused ? theme.focus : undefined} bold={focused}>
        {label.padEnd(LABEL_WIDTH)}
      </Text>
      {children}
    </Text>
  );
};

const FieldError = ({message}: {message: string | undefined}) => {
  const theme = useTheme();
  if (!message) return null;
  return (
    <Box paddingLeft={4}>
      <Text color={theme.error} wrap="wrap">
        {`✗ ${message}`}
      </Text>
    </Box>
  );
};

export interface FormProps {
  readonly draft: Draft;
  readonly focus: FocusZone;
  readonly gridIndex: number;
  readonly revealed: boolean;
  readonly errors: FieldErrors;
  readonly message: {readonly text: string; readonly tone: 'info' | 'error'} | undefined;
  readonly width: number;
  readonly height: number;
  readonly gridRows: number;
  readonly now: Date;
  /** Token record id → when the server last granted it, from the access log. */
  readonly lastUsed?: ReadonlyMap<string, Date>;
  /** The list highlights another record while this one has unsaved edits: the form keeps them, and says so. */
  readonly keptWhileBrowsing?: boolean;
  /** The authorization server's public address (domain/public-address.ts). */
  readonly address?: PublicAddress | undefined;
}

const KEPT = ' · unsaved edits stay here';

export const ThirdPartyForm = ({
  draft,
  focus,
  gridIndex,
  revealed,
  errors,
  message,
  width,
  height,
  gridRows,
  now,
  lastUsed,
  keptWhileBrowsing = false,
  address,
}: FormProps) => {
  const theme = useTheme();
  const {thirdParty} = draft;
  const valueWidth = Math.max(1, width - 2 - 2 - LABEL_WIDTH);
  const kept = keptWhileBrowsing ? KEPT : '';
  const title = `${draft.name.text.trim() ? toDisplayText(draft.name.text.trim()) : 'New third party'}${kept}`;
  const focusedToken = thirdParty.tokens[gridIndex];
  const authorization = authorizationOf({callbackUrl: draft.callbackUrl.text.trim() || null});
  const previous = thirdParty.previousClientSecret;
  const lastAuthorized = lastAutomaticAuthorization(thirdParty);
  const previousUntil = previous ? formatMinute(previous.validUntil) : '';
  return (
    <Pane
      title={title}
      shortTitle={`${draft.isNew ? 'New third party' : 'Third party'}${kept}`}
      width={width}
      height={height}
      active={focus !== 'list'}
    >
      <Field label="Third Party Name" focused={focus === 'name'}>
        <TextField value={draft.name} width={valueWidth} focused={focus === 'name'} placeholder="required" />
      </Field>
      <FieldError message={errors.name} />
      <Field label="Client ID" focused={false}>
        <Text>{thirdParty.clientId}</Text>
      </Field>
      <Field label="Client Secret" focused={false}>
        <Text>
          {revealed ? '' : MASK}
          <Text color={theme.muted}>{revealed ? '(^R mask)' : '  (^R reveal)'}</Text>
        </Text>
      </Field>
      {revealed ? <Text>{`  ${thirdParty.clientSecret}`}</Text> : null}
      {previous ? (
        <Field label="Previous Secret" focused={false}>
          <Text>
            {revealed ? '' : `${MASK.slice(0, 8)} `}
            {isPreviousSecretValid(thirdParty, now) ? (
              <Text color={theme.warning}>{`stops ${previousUntil}`}</Text>
            ) : (
              <Text color={theme.muted}>{`stopped ${previousUntil}`}</Text>
            )}
          </Text>
        </Field>
      ) : null}
      {revealed && previous ? <Text>{`  ${previous.secret}`}</Text> : null}
      <Text>
        <Gutter focused={focus === 'addToken'} />
        <Text inverse={focus === 'addToken'} bold={focus === 'addToken'} color={focus === 'addToken' ? theme.focus : undefined}>
          [ Add OAuth Token ]
        </Text>
      </Text>
      <TokenGrid
        width={width - 2}
        tokens={thirdParty.tokens}
        focusedIndex={gridIndex}
        focused={focus === 'grid'}
        height={Math.max(1, gridRows - (previous ? 1 : 0))}
        now={now}
        lastUsed={lastUsed}
      />
      {revealed && focusedToken ? <Text>{`  ${focusedToken.token}`}</Text> : null}
      <Text>
        <Gutter focused={focus === 'enabled'} />
        <Text color={focus === 'enabled' ? theme.focus : undefined} bold={focus === 'enabled'}>
          {`${thirdParty.enabled ? '[x]' : '[ ]'} Enabled`}
        </Text>
      </Text>
      <Field label="Callback URL" focused={focus === 'callbackUrl'}>
        <TextField
          value={draft.callbackUrl}
          width={valueWidth}
          focused={focus === 'callbackUrl'}
          placeholder="none: manual authorization"
        />
      </Field>
      <FieldError message={errors.callbackUrl} />
      <Field label="Authorization" focused={false}>
        <Text wrap="truncate-end">
          {authorization === 'automatic'
            ? `automatic, ${lastAuthorized ? `last ${formatMinute(lastAuthorized)}` : 'not authorized yet'}`
            : 'manual (no callback URL)'}
        </Text>
      </Field>
      {authorization === 'automatic' ? (
        <>
          {/* A hint: it wraps (a long issuer takes a spare line of the form), never cut with "…". */}
          <Box paddingLeft={4} flexShrink={0}>
            <Text color={theme.muted} wrap="wrap">
              {address
                ? `starts at ${toDisplayText(address.url)}/oauth/authorize${address.source === 'default' ? ' (no server running)' : ''}`
                : 'starts at /oauth/authorize of tpa serve'}
            </Text>
          </Box>
          <Field label="Approval" focused={focus === 'approval'}>
            <Text color={focus === 'approval' ? theme.focus : undefined} bold={focus === 'approval'}>
              {approvalText(thirdParty)}
            </Text>
          </Field>
        </>
      ) : null}
      <Text wrap="truncate-end">
        <Gutter focused={focus === 'saveButton'} />
        <Text inverse={focus === 'saveButton'} bold={focus === 'saveButton'} color={focus === 'saveButton' ? theme.focus : undefined}>
          [ Save ]
        </Text>
        <Text color={theme.muted}>{'  or Ctrl+S from anywhere'}</Text>
      </Text>
      {message ? (
        <Box paddingLeft={2}>
          <Text color={message.tone === 'error' ? theme.error : theme.ok} wrap="wrap">
            {message.text}
          </Text>
        </Box>
      ) : null}
    </Pane>
  );
};
