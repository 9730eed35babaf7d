/** F1's help: where it is scrolled to, what `/` looks for, and the dialog it was opened over. */
import type {Dialog} from '../../console/state.js';
import type {TextValue} from '../../widgets/text-editing.js';

/** `/` in the help: what is looked for, and whether it is still being typed. */
export interface HelpSearch {
  readonly query: TextValue;
  readonly typing: boolean;
  /** The first row shown when the search began: Esc goes back to it. */
  readonly from: number;
}

export interface HelpDialog {
  readonly kind: 'help';
  readonly top?: number;
  /** Closing the help goes back to it. */
  readonly previous?: Dialog | undefined;
  readonly search?: HelpSearch | undefined;
}
