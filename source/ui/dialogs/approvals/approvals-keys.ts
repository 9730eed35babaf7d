/** Keys in the list of requests waiting for approval (Ctrl+W). */
import {closeDialog, dialogOf} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import type {KeyContext, KeyView} from '../../console/bindings.js';
import {decideHighlighted, nothingWaiting, waitingRequests} from './approvals-state.js';

const move = (state: ConsoleState, step: number): ConsoleState => {
  const dialog = dialogOf(state, 'approvals');
  const count = waitingRequests(state).length;
  return {...state, dialog: {...dialog, index: Math.max(0, Math.min(dialog.index + step, count - 1))}};
};

const noneWaiting = ({state}: KeyView) => nothingWaiting(state);

/** Offered in the footer only while a request waits (the key still says why when none does). */
const whileWaiting =
  (label: string) =>
  ({state}: KeyView): string | undefined =>
    nothingWaiting(state) === undefined ? label : undefined;

export const approvalsKeys: KeyContext = {
  id: 'approvals',
  title: 'In the requests waiting for approval',
  global: 'exits',
  bindings: [
    {
      keys: ['up', 'k'],
      keyLabel: '↑↓',
      description: 'previous request',
      label: whileWaiting('move'),
      handler: ({state}) => move(state, -1),
    },
    {keys: ['down', 'j'], description: 'next request', handler: ({state}) => move(state, 1)},
    {
      keys: ['return'],
      description: 'approve the highlighted request: its application gets its token',
      label: whileWaiting('approve'),
      disabledReason: noneWaiting,
      handler: ({state}) => decideHighlighted(state, 'approve'),
    },
    {
      keys: ['d'],
      description: 'deny the highlighted request (access_denied to its application)',
      label: whileWaiting('deny'),
      disabledReason: noneWaiting,
      handler: ({state}) => decideHighlighted(state, 'deny'),
    },
    {keys: ['escape', 'ctrl+w'], description: 'close the list of requests', label: 'close', handler: ({state}) => closeDialog(state)},
  ],
};
