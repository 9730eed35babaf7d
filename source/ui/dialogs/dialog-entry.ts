/**
 * What the console knows of a dialog (ARCHITECTURE.md, The console): its key context, its view
 * and where the view goes. Each dialog's folder exports its entry; dialogs/registry.ts lists them
 * all, one per kind of `Dialog` (the compiler asks for a new one).
 */
import type {ReactNode} from 'react';
import type {KeyContext} from '../console/bindings.js';
import type {ConsoleState, Dialog, Pages} from '../console/state.js';

export interface DialogViewProps<D extends Dialog = Dialog> {
  readonly dialog: D;
  /** The whole state: a view reads the third party, the approvals or the notice it shows. */
  readonly state: ConsoleState;
  readonly width: number;
  readonly height: number;
  readonly now: Date;
  readonly pages: Pages;
}

export interface DialogEntry<K extends Dialog['kind']> {
  readonly keys: KeyContext;
  readonly View: (props: DialogViewProps<Extract<Dialog, {kind: K}>>) => ReactNode;
  /**
   * Where the view goes: beside the list (in the form's place), across both panes (help,
   * history), or nowhere of its own (the filter is typed in the list; the form stays beside it).
   */
  readonly place: 'beside' | 'across' | 'list';
  /** The view shows `state.notice` itself; under any other dialog the footer shows it. */
  readonly showsNotice?: boolean;
}
