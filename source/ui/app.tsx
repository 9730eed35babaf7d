/** The console: header, third parties on the left, the open one on the right, the keys below. */
import {Box} from 'ink';
import React, {useMemo} from 'react';
import {toDisplayText, type Environment} from '../domain/index.js';
import type {ConsoleState} from './console-state.js';
import type {ConsoleStore} from './console-store.js';
import {Footer} from './footer.js';
import {Header} from './header.js';
import {HelpDialog} from './help-dialog.js';
import type {AccessTester} from './access-tester.js';
import {TestAccessPanel} from './test-access-panel.js';
import {footerHints, type FooterHint} from './keymap.js';
import {layoutFor} from './layout.js';
import {ThirdPartyForm} from './third-party-form.js';
import {ThirdPartyList} from './third-party-list.js';
import {TooSmall} from './too-small.js';
import {UnsavedDialog} from './unsaved-dialog.js';
import {useConsole} from './use-console.js';
import {useKeyRouter} from './use-key-router.js';
import {useTerminalSize} from './use-terminal-size.js';

const DIALOG_HINTS: Record<'help' | 'lookup', FooterHint[]> = {
  help: [{key: 'Esc', text: 'close'}],
  lookup: [
    {key: 'type', text: 'filter'},
    {key: '↑↓', text: 'choose'},
    {key: 'Enter', text: 'open'},
    {key: 'Esc', text: 'close'},
  ],
};

const TEST_ACCESS_HINTS: FooterHint[] = [
  {key: 'Tab', text: 'next'},
  {key: '^U', text: 'clear'},
  {key: '^R', text: 'reveal'},
  {key: 'Enter', text: 'via server'},
  {key: '^T', text: 'refill'},
  {key: 'Esc', text: 'close'},
];

const messageOf = (state: ConsoleState) => {
  if (state.notice) return {text: state.notice, tone: 'info' as const};
  if (state.status.kind === 'invalid' || state.status.kind === 'failed') return {text: state.status.message, tone: 'error' as const};
  return undefined;
};

export const App = ({store, env, access}: {store: ConsoleStore; env: Environment; access?: AccessTester}) => {
  const {columns, rows} = useTerminalSize();
  const layout = layoutFor(columns, rows);
  const pages = useMemo(() => ({list: Math.max(1, layout.listRows - 2), grid: Math.max(1, layout.gridRows - 1)}), [layout.listRows, layout.gridRows]);
  const [state, onKey, lastUsed] = useConsole(store, env, pages, access);
  useKeyRouter(onKey);

  if (layout.tooSmall) return <TooSmall columns={columns} rows={rows} />;

  const {dialog, draft} = state;
  const paneHeight = layout.paneRows + 2;
  const right =
    dialog?.kind === 'testAccess' ? (
      <TestAccessPanel dialog={dialog} notice={state.notice} width={layout.formWidth} height={paneHeight} />
    ) : dialog?.kind === 'help' ? (
      <HelpDialog width={layout.formWidth} height={paneHeight} />
    ) : dialog?.kind === 'unsaved' && draft ? (
      <UnsavedDialog name={toDisplayText(draft.name.text.trim()) || 'the new third party'} then={dialog.then} choice={dialog.choice} width={layout.formWidth} height={paneHeight} />
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
      />
    ) : null;
  const hints =
    dialog?.kind === 'testAccess' ? TEST_ACCESS_HINTS : dialog?.kind === 'help' || dialog?.kind === 'lookup' ? DIALOG_HINTS[dialog.kind] : dialog ? [] : footerHints(state.focus);

  return (
    <Box flexDirection="column" width={columns} height={layout.frameRows}>
      <Header status={state.status} modified={draft?.modified ?? false} width={columns} />
      <Box height={paneHeight}>
        <ThirdPartyList
          thirdParties={state.thirdParties}
          listIndex={state.listIndex}
          draft={draft}
          focused={state.focus === 'list' && !dialog}
          lookup={dialog?.kind === 'lookup' ? dialog : undefined}
          height={paneHeight}
        />
        {right}
      </Box>
      <Footer hints={hints} />
    </Box>
  );
};

