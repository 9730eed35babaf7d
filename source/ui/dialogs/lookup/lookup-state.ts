/** The list's filter as it is typed (`/`, Ctrl+E). */
import type {TextValue} from '../../widgets/text-editing.js';

export interface LookupDialog {
  readonly kind: 'lookup';
  readonly query: TextValue;
  /** The highlight when typing began: Esc (which also ends the filter) goes back to it. */
  readonly before: {readonly listIndex: number};
}
