/** Ctrl+K: the grace period, in hours, during which the previous client secret keeps working. */
import type {TextValue} from '../../widgets/text-editing.js';

export interface RotateDialog {
  readonly kind: 'rotate';
  readonly hours: TextValue;
  readonly error?: string;
}
