/** The right pane: one third party's fields in the order of the Connect procedure. */
import {Box, Text} from 'ink';
import React from 'react';
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
import {styled} from '../widgets/styled.js';
import {textFieldLine} from '../widgets/text-field.js';
import {FOCUS_MARKER, useTheme, type Theme} from '../widgets/theme.js';
import {TokenGrid} from '../token-grid/token-grid.js';

const LABEL_WIDTH = 18;

/** The two-character gutter that holds the focus marker. */
const gutter = (focused: boolean, theme: Theme): string => styled(focused ? `${FOCUS_MARKER} ` : '  ', {color: theme.focus, bold: true});

/**
 * A labelled row as one Text of styled spans (widgets/styled.ts): one node a row instead of five
 * components, cut at the pane's edge as before (bench/README.md, issue 20).
 */
const Field = ({label, focused, value}: {label: string; focused: boolean; value: string}) => {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {gutter(focused, theme) + styled(label.padEnd(LABEL_WIDTH), {color: focused ? theme.focus : undefined, bold: focused}) + value}
    </Text>
  );
};

/** A row that is one focusable element ("[ Add OAuth Token ]", "[ ] Enabled"), its gutter before it. */
const Item = ({focused, text, inverse = false, after = ''}: {focused: boolean; text: string; inverse?: boolean; after?: string}) => {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {gutter(focused, theme) +
        styled(text, {inverse: inverse && focused, bold: focused, color: focused ? theme.focus : undefined}) +
        after}
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
      <Field
        label="Third Party Name"
        focused={focus === 'name'}
        value={textFieldLine({value: draft.name, width: valueWidth, focused: focus === 'name', placeholder: 'required'})}
      />
      <FieldError message={errors.name} />
      <Field label="Client ID" focused={false} value={thirdParty.clientId} />
      <Field
        label="Client Secret"
        focused={false}
        value={(revealed ? '' : MASK) + styled(revealed ? '(^R mask)' : '  (^R reveal)', {color: theme.muted})}
      />
      {revealed ? <Text>{`  ${thirdParty.clientSecret}`}</Text> : null}
      {previous ? (
        <Field
          label="Previous Secret"
          focused={false}
          value={
            (revealed ? '' : `${MASK.slice(0, 8)} `) +
            (isPreviousSecretValid(thirdParty, now)
              ? styled(`stops ${previousUntil}`, {color: theme.warning})
              : styled(`stopped ${previousUntil}`, {color: theme.muted}))
          }
        />
      ) : null}
      {revealed && previous ? <Text>{`  ${previous.secret}`}</Text> : null}
      <Item focused={focus === 'addToken'} text="[ Add OAuth Token ]" inverse />
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
      <Item focused={focus === 'enabled'} text={`${thirdParty.enabled ? '[x]' : '[ ]'} Enabled`} />
      <Field
        label="Callback URL"
        focused={focus === 'callbackUrl'}
        value={textFieldLine({
          value: draft.callbackUrl,
          width: valueWidth,
          focused: focus === 'callbackUrl',
          placeholder: 'none: manual authorization',
        })}
      />
      <FieldError message={errors.callbackUrl} />
      <Field
        label="Authorization"
        focused={false}
        value={
          authorization === 'automatic'
            ? `automatic, ${lastAuthorized ? `last ${formatMinute(lastAuthorized)}` : 'not authorized yet'}`
            : 'manual (no callback URL)'
        }
      />
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
          <Field
            label="Approval"
            focused={focus === 'approval'}
            value={styled(approvalText(thirdParty), {color: focus === 'approval' ? theme.focus : undefined, bold: focus === 'approval'})}
          />
        </>
      ) : null}
      <Item focused={focus === 'saveButton'} text="[ Save ]" inverse after={styled('  or Ctrl+S from anywhere', {color: theme.muted})} />
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
