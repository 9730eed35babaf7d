/** The list's filter as it is typed (`/`, Ctrl+E). */
import type {ListFilter} from '../../console/state.js';
import type {TextValue} from '../../widgets/text-editing.js';

export interface LookupDialog {
  readonly kind: 'lookup';
  readonly query: TextValue;
  /** The highlight and the filter when typing began: Esc goes back to them. */
  readonly before: {readonly listIndex: number; readonly filter: ListFilter | undefined};
}
