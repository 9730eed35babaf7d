/** The expiry menu of a token (Enter in the grid): a preset, or a typed date. */
import {EXPIRY_PRESETS} from '../../../domain/index.js';
import type {TextValue} from '../../widgets/text-editing.js';

/** The menu's last item: a typed date. */
export const EXPIRY_DATE_CHOICE = EXPIRY_PRESETS.length;

export interface ExpiryDialog {
  readonly kind: 'expiry';
  readonly tokenId: string;
  readonly choice: number;
  readonly date: TextValue;
  readonly error?: string;
}
