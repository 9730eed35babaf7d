/** The console: header, third parties on the left, the open one on the right, the keys below. */
import {Box, useStdout} from 'ink';
import React, {useMemo} from 'react';
import {createExpirySummarizer, toDisplayText, type Environment, type ThirdPartyStore} from '../domain/index.js';
import type {ConsoleState} from './console/state.js';
import {ConflictDialog} from './dialogs/conflict/conflict-dialog.js';
import {RecoveryDialog} from './dialogs/recovery/recovery-dialog.js';
import {useUnsavedHandoff, type UnsavedHandoff} from './console/use-unsaved-handoff.js';
import {Footer} from './keys/footer.js';
import {Header} from './console/header.js';
import {HelpDialog} from './dialogs/help/help-dialog.js';
import {HistoryDialog} from './dialogs/history/history-dialog.js';
import type {AccessTester} from './test-access/access-tester.js';
import {TestAccessPanel} from './test-access/test-access-panel.js';
import {footerLine} from './key-contexts.js';
import {helpRows} from './dialogs/help/help-lines.js';
import {helpPageRows} from './dialogs/help/help-dialog.js';
import {layoutFor} from './console/layout.js';
import {LifecyclePane} from './dialogs/lifecycle-pane.js';
import {isLifecycleDialog} from './dialogs/lifecycle-state.js';
import type {Outbox} from './console/outbox.js';
import {ThirdPartyForm} from './form/third-party-form.js';
import {ThirdPartyList} from './list/third-party-list.js';
import {TooSmall} from './console/too-small.js';
import {UnsavedDialog} from './dialogs/unsaved/unsaved-dialog.js';
import {useConsole} from './console/use-console.js';
import {useDay} from './console/use-day.js';
import {useKeyRouter} from './keys/use-key-router.js';
import {useTerminalSize} from './console/use-terminal-size.js';
import {useRedraw} from './console/use-redraw.js';
import {ApprovalsDialog} from './dialogs/approvals/approvals-dialog.js';
import {SettingsDialog} from './dialogs/settings/settings-dialog.js';
import {AuthorizationTestDialog} from './dialogs/authorization-test/authorization-test-dialog.js';
import type {LiveSources} from './live/live-sources.js';
import {copyToTerminal} from './dialogs/send/osc52.js';
import {addressOf} from './console/public-address.js';

const messageOf = (state: ConsoleState) => {
  if (state.notice) return {text: state.notice, tone: 'info' as const};
  if (state.status.kind === 'invalid' || state.status.kind === 'failed') return {text: state.status.message, tone: 'error' as const};
  if (state.warning) return {text: `Warning: ${state.warning}`, tone: 'error' as const};
  return undefined;
};

/** Without an outbox from cli.tsx (component tests): Ink's own stdout, as a terminal of its own, and no files. */
const useDefaultOutbox = (): Outbox => {
  const {write} = useStdout();
  return useMemo(
    () => ({
      copyToClipboard: text => copyToTerminal(write, text, {multiplexer: undefined, fullScreen: true}),
      writePrivateFile: () => Promise.reject(new Error('no file system here')),
    }),
    [write],
  );
};

export const App = ({
  store,
  env,
  outbox,
  access,
  onUnsavedChange,
  live,
}: {
  store: ThirdPartyStore;
  env: Environment;
  outbox?: Outbox;
  access?: AccessTester;
  onUnsavedChange?: UnsavedHandoff;
  /** The data file, the access log and the approvals as others change them (live/). */
  live?: LiveSources;
}) => {
  const {columns, rows} = useTerminalSize();
  const layout = layoutFor(columns, rows);
  const pages = useMemo(
    () => ({
      list: Math.max(1, layout.listRows - 2),
      grid: Math.max(1, layout.gridRows - 1),
      // The help takes the whole width (both panes).
      helpRows: helpRows(columns - 2).length,
      helpPage: helpPageRows(layout.paneRows + 2),
      helpWidth: columns - 2,
      paneWidth: layout.formWidth,
    }),
    [layout.listRows, layout.gridRows, layout.paneRows, layout.formWidth, columns],
  );
  const defaultOutbox = useDefaultOutbox();
  const [state, onKey, lastUsed] = useConsole(store, env, pages, outbox ?? defaultOutbox, access, live);
  // Once per load or save (the list is a new array only then), never per keystroke.
  const summarizeExpiry = useMemo(createExpirySummarizer, []);
  // Again at each local midnight: marks follow the clock (use-day.ts).
  const day = useDay(env);
  const expiry = useMemo(() => summarizeExpiry(state.thirdParties, env.now()), [summarizeExpiry, state.thirdParties, env, day]);
  useKeyRouter(onKey);
  useUnsavedHandoff(state, onUnsavedChange);
  const redrawRows = useRedraw(state.redraws);

  if (layout.tooSmall) return <TooSmall columns={columns} rows={rows} />;

  const {dialog, draft} = state;
  const paneHeight = layout.paneRows + 2;
  const right =
    dialog?.kind === 'conflict' ? (
      <ConflictDialog dialog={dialog} width={layout.formWidth} height={paneHeight} />
    ) : dialog?.kind === 'recovery' ? (
      <RecoveryDialog dialog={dialog} width={layout.formWidth} height={paneHeight} />
    ) : dialog?.kind === 'approvals' ? (
      <ApprovalsDialog
        dialog={dialog}
        approvals={state.approvals}
        notice={state.notice}
        now={env.now()}
        width={layout.formWidth}
        height={paneHeight}
      />
    ) : dialog?.kind === 'settings' ? (
      <SettingsDialog dialog={dialog} width={layout.formWidth} height={paneHeight} />
    ) : dialog?.kind === 'authorizationTest' ? (
      <AuthorizationTestDialog dialog={dialog} width={layout.formWidth} height={paneHeight} />
    ) : dialog?.kind === 'testAccess' ? (
      <TestAccessPanel dialog={dialog} notice={state.notice} address={addressOf(state)} width={layout.formWidth} height={paneHeight} />
    ) : isLifecycleDialog(dialog) ? (
      <LifecyclePane state={state} dialog={dialog} now={env.now()} width={layout.formWidth} height={paneHeight} />
    ) : dialog?.kind === 'unsaved' && draft ? (
      <UnsavedDialog
        name={toDisplayText(draft.name.text.trim()) || 'the new third party'}
        then={dialog.then}
        choice={dialog.choice}
        width={layout.formWidth}
        height={paneHeight}
      />
    ) : draft ? (
      <ThirdPartyForm
        draft={draft}
        focus={state.focus}
        gridIndex={state.gridIndex}
        revealed={state.revealed}
        errors={state.errors}
        message={messageOf(state)}
        width={layout.formWidth}
        height={paneHeight}
        gridRows={layout.gridRows}
        now={env.now()}
        lastUsed={lastUsed}
        address={addressOf(state)}
      />
    ) : null;
  const footer = footerLine({state, now: env.now()});

  return (
    <Box flexDirection="column" width={columns} height={layout.frameRows + redrawRows}>
      <Header
        status={state.status}
        modified={draft?.modified ?? false}
        width={columns}
        expiry={expiry}
        waiting={state.approvals?.pending.length ?? 0}
      />
      {/* Help and history take the whole width: the list is not drawn under them. */}
      {dialog?.kind === 'help' ? (
        <HelpDialog width={columns} height={paneHeight} top={dialog.top ?? 0} />
      ) : dialog?.kind === 'history' ? (
        <HistoryDialog dialog={dialog} width={columns} height={paneHeight} />
      ) : (
        <Box height={paneHeight}>
          <ThirdPartyList
            thirdParties={state.thirdParties}
            listIndex={state.listIndex}
            draft={draft}
            focused={state.focus === 'list' && !dialog}
            lookup={dialog?.kind === 'lookup' ? dialog : undefined}
            height={paneHeight}
            marks={expiry.marks}
          />
          {right}
        </Box>
      )}
      <Footer hints={footer.hints} kept={footer.kept} columns={columns} />
    </Box>
  );
};
