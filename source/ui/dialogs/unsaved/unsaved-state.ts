/** Leaving a record with unsaved changes (another record, a new one, quitting): Save, Discard or Cancel. */
import type {PendingAction} from '../../console/state.js';

export const UNSAVED_CHOICES = ['Save', 'Discard', 'Cancel'] as const;

export interface UnsavedDialog {
  readonly kind: 'unsaved';
  /** What happens once the changes are saved or discarded. */
  readonly then: PendingAction;
  readonly choice: number;
}
