/** The right pane: one third party's fields in the order of the Connect procedure. */
import {Box, Text} from 'ink';
import React, {type ReactElement} from 'react';
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
import {Lines} from '../widgets/lines.js';
import {Pane} from '../widgets/pane.js';
import {styled} from '../widgets/styled.js';
import {textFieldLine} from '../widgets/text-field.js';
import {focusGutter, focusStyle, useTheme, type Theme} from '../widgets/theme.js';
import {useTokenGrid} from '../token-grid/token-grid.js';

const LABEL_WIDTH = 18;

/** A labelled row: the gutter, the label (in the focus colour when focused), the value. */
const fieldRow = (label: string, focused: boolean, value: string, theme: Theme): string =>
  focusGutter(focused, theme) + styled(label.padEnd(LABEL_WIDTH), focusStyle(focused, theme)) + value;

/** A row that is one focusable element ("[ Add OAuth Token ]", "[ ] Enabled"), its gutter before it. */
const itemRow = (focused: boolean, text: string, theme: Theme, {inverse = false, after = ''} = {}): string =>
  focusGutter(focused, theme) + styled(text, {...focusStyle(focused, theme), inverse: inverse && focused}) + after;

/** A field's message below it, indented, wrapped; none when the field is fine. */
const fieldError = (message: string | undefined, theme: Theme): ReactElement | undefined =>
  message ? (
    <Box paddingLeft={4}>
      <Text color={theme.error} wrap="wrap">
        {`✗ ${message}`}
      </Text>
    </Box>
  ) : undefined;

/**
 * The form's parts in order: rows next to each other go into one Lines (widgets/lines.tsx), the
 * parts that wrap or lay themselves out (messages, the grid, the hint) stay elements of their own.
 */
class FormBody {
  private readonly items: (string[] | ReactElement)[] = [];

  constructor(private readonly width: number) {}

  row(row: string): void {
    const last = this.items.at(-1);
    if (Array.isArray(last)) last.push(row);
    else this.items.push([row]);
  }

  element(element: ReactElement | undefined): void {
    if (element) this.items.push(element);
  }

  parts(): ReactElement[] {
    return this.items.map((item, index) =>
      Array.isArray(item) ? <Lines key={index} rows={item} width={this.width} /> : React.cloneElement(item, {key: index}),
    );
  }
}

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
  const rowWidth = width - 2;
  const grid = useTokenGrid({
    width: rowWidth,
    tokens: thirdParty.tokens,
    focusedIndex: gridIndex,
    focused: focus === 'grid',
    height: Math.max(1, gridRows - (previous ? 1 : 0)),
    now,
    lastUsed,
  });
  const body = new FormBody(rowWidth);
  body.row(
    fieldRow(
      'Third Party Name',
      focus === 'name',
      textFieldLine({value: draft.name, width: valueWidth, focused: focus === 'name', placeholder: 'required'}),
      theme,
    ),
  );
  body.element(fieldError(errors.name, theme));
  body.row(fieldRow('Client ID', false, thirdParty.clientId, theme));
  body.row(
    fieldRow(
      'Client Secret',
      false,
      (revealed ? '' : MASK) + styled(revealed ? '(^R mask)' : '  (^R reveal)', {color: theme.muted}),
      theme,
    ),
  );
  if (revealed) body.element(<Text>{`  ${thirdParty.clientSecret}`}</Text>);
  if (previous)
    body.row(
      fieldRow(
        'Previous Secret',
        false,
        (revealed ? '' : `${MASK.slice(0, 8)} `) +
          (isPreviousSecretValid(thirdParty, now)
            ? styled(`stops ${previousUntil}`, {color: theme.warning})
            : styled(`stopped ${previousUntil}`, {color: theme.muted})),
        theme,
      ),
    );
  if (revealed && previous) body.element(<Text>{`  ${previous.secret}`}</Text>);
  body.row(itemRow(focus === 'addToken', '[ Add OAuth Token ]', theme, {inverse: true}));
  for (const row of grid) body.row(row);
  if (revealed && focusedToken) body.element(<Text>{`  ${focusedToken.token}`}</Text>);
  body.row(itemRow(focus === 'enabled', `${thirdParty.enabled ? '[x]' : '[ ]'} Enabled`, theme));
  body.row(
    fieldRow(
      'Callback URL',
      focus === 'callbackUrl',
      textFieldLine({
        value: draft.callbackUrl,
        width: valueWidth,
        focused: focus === 'callbackUrl',
        placeholder: 'none: manual authorization',
      }),
      theme,
    ),
  );
  body.element(fieldError(errors.callbackUrl, theme));
  body.row(
    fieldRow(
      'Authorization',
      false,
      authorization === 'automatic'
        ? `automatic, ${lastAuthorized ? `last ${formatMinute(lastAuthorized)}` : 'not authorized yet'}`
        : 'manual (no callback URL)',
      theme,
    ),
  );
  if (authorization === 'automatic') {
    // A hint: it wraps (a long issuer takes a spare line of the form), never cut with "…".
    body.element(
      <Box paddingLeft={4} flexShrink={0}>
        <Text color={theme.muted} wrap="wrap">
          {address
            ? `starts at ${toDisplayText(address.url)}/oauth/authorize${address.source === 'default' ? ' (no server running)' : ''}`
            : 'starts at /oauth/authorize of tpa serve'}
        </Text>
      </Box>,
    );
    const approving = focus === 'approval';
    body.row(fieldRow('Approval', approving, styled(approvalText(thirdParty), focusStyle(approving, theme)), theme));
  }
  body.row(
    itemRow(focus === 'saveButton', '[ Save ]', theme, {inverse: true, after: styled('  or Ctrl+S from anywhere', {color: theme.muted})}),
  );
  if (message)
    body.element(
      <Box paddingLeft={2}>
        <Text color={message.tone === 'error' ? theme.error : theme.ok} wrap="wrap">
          {message.text}
        </Text>
      </Box>,
    );
  return (
    <Pane
      title={title}
      shortTitle={`${draft.isNew ? 'New third party' : 'Third party'}${kept}`}
      width={width}
      height={height}
      active={focus !== 'list'}
    >
      {body.parts()}
    </Pane>
  );
};
