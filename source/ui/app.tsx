/** The console: header, third parties on the left, the open one (or the open dialog, dialogs/registry.ts) on the right, the keys below. */
import {Box, useStdout} from 'ink';
import React, {useCallback, useMemo} from 'react';
import {createExpirySummarizer, type Environment, type ThirdPartyStore} from '../domain/index.js';
import type {ConsoleState, Pages} from './console/state.js';
import {useUnsavedHandoff, type UnsavedHandoff} from './console/use-unsaved-handoff.js';
import {Footer} from './keys/footer.js';
import {Header} from './console/header.js';
import type {AccessTester} from './test-access/access-tester.js';
import {footerLine} from './key-contexts.js';
import {dialogEntry} from './dialogs/registry.js';
import {helpRows} from './dialogs/help/help-lines.js';
import {helpPageRows} from './dialogs/help/help-dialog.js';
import {layoutFor} from './console/layout.js';
import type {Outbox} from './console/outbox.js';
import {ThirdPartyForm} from './form/third-party-form.js';
import {longestNameWidth, ThirdPartyList} from './list/third-party-list.js';
import {TooSmall} from './console/too-small.js';
import {useConsole} from './console/use-console.js';
import {useDay} from './console/use-day.js';
import {useKeyRouter} from './keys/use-key-router.js';
import type {KeyPress} from './keys/keys.js';
import {useTerminalSize} from './console/use-terminal-size.js';
import {useRedraw} from './console/use-redraw.js';
import type {LiveSources} from './live/live-sources.js';
import {copyToTerminal} from './dialogs/send/osc52.js';
import {addressOf} from './console/public-address.js';

const messageOf = (state: ConsoleState) => {
  if (state.notice) return {text: state.notice, tone: 'info' as const};
  if (state.status.kind === 'invalid' || state.status.kind === 'failed') return {text: state.status.message, tone: 'error' as const};
  if (state.warning) return {text: `Warning: ${state.warning}`, tone: 'error' as const};
  return undefined;
};

/** The list highlights another record than the one in the form, whose unsaved edits stay (list/list-keys.ts). */
const keptWhileBrowsing = ({focus, dialog, draft, thirdParties, listIndex}: ConsoleState): boolean =>
  focus === 'list' && !dialog && draft?.modified === true && thirdParties[listIndex]?.id !== draft.thirdParty.id;

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
  const defaultOutbox = useDefaultOutbox();
  const [state, press, lastUsed] = useConsole(store, env, outbox ?? defaultOutbox, access, live);
  // Once per load or save (the list is a new array only then), never per keystroke.
  const longestName = useMemo(() => longestNameWidth(state.thirdParties), [state.thirdParties]);
  const layout = layoutFor(columns, rows, longestName);
  const pages = useMemo(
    (): Pages => ({
      list: Math.max(1, layout.listRows - 2),
      grid: Math.max(1, layout.gridRows - 1),
      // The help takes the whole width (both panes); wrapped when F1 first needs it (~10 ms at start otherwise).
      get helpRows() {
        return helpRows(columns - 2);
      },
      helpPage: helpPageRows(layout.paneRows + 2),
      helpWidth: columns - 2,
      paneWidth: layout.formWidth,
    }),
    [layout.listRows, layout.gridRows, layout.paneRows, layout.formWidth, columns],
  );
  const onKey = useCallback((key: KeyPress) => press(key, pages), [press, pages]);
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
  const now = env.now();
  const entry = dialog && dialogEntry(dialog);
  const view = (width: number) =>
    entry && dialog && <entry.View dialog={dialog} state={state} width={width} height={paneHeight} now={now} pages={pages} />;
  const right =
    entry?.place === 'beside' ? (
      view(layout.formWidth)
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
        now={now}
        lastUsed={lastUsed}
        address={addressOf(state)}
        keptWhileBrowsing={keptWhileBrowsing(state)}
      />
    ) : null;
  const footer = footerLine({state, now});

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
      {entry?.place === 'across' ? (
        view(columns)
      ) : (
        <Box height={paneHeight}>
          <ThirdPartyList
            thirdParties={state.thirdParties}
            listIndex={state.listIndex}
            draft={draft}
            focused={state.focus === 'list' && !dialog}
            filter={state.filter}
            typing={dialog?.kind === 'lookup' ? dialog.query : undefined}
            height={paneHeight}
            marks={expiry.marks}
            width={layout.listWidth}
          />
          {right}
        </Box>
      )}
      <Footer hints={footer.hints} columns={columns} notice={entry && !entry.showsNotice ? state.notice : undefined} />
    </Box>
  );
};
