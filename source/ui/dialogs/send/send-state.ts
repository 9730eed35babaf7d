/** Ctrl+O, Copy OAuth Information: its steps (the sheet, the file name, overwrite?), its requests and what comes back. */
import type {ConsoleState} from '../../console/state.js';
import type {TextValue} from '../../widgets/text-editing.js';

export interface DialogMessage {
  readonly text: string;
  readonly tone: 'info' | 'error';
}

export type SendStep = 'sheet' | 'path' | 'overwrite';

export interface SendDialog {
  readonly kind: 'send';
  readonly thirdPartyId: string;
  /** The newest usable token the sheet carries; none for a third party with a callback URL that has none. */
  readonly tokenId: string | undefined;
  readonly revealed: boolean;
  readonly step: SendStep;
  readonly path: TextValue;
  readonly message?: DialogMessage;
  /** The first row of the sheet shown (↑↓ PgUp PgDn Home End scroll). */
  readonly top?: number;
}

export type SendRequest =
  | {
      readonly kind: 'copySheet';
      readonly thirdPartyId: string;
      readonly tokenId: string | undefined;
      readonly text: string;
      readonly name: string;
    }
  | {
      readonly kind: 'writeSheet';
      readonly thirdPartyId: string;
      readonly tokenId: string | undefined;
      readonly text: string;
      readonly name: string;
      readonly path: string;
      readonly overwrite: boolean;
    };

export type SendAction = {readonly type: 'sendOutcome'; readonly step: SendStep; readonly message: DialogMessage};

export const reduceSend = (state: ConsoleState, action: SendAction): ConsoleState => {
  const {dialog} = state;
  return {
    ...state,
    request: undefined,
    dialog: dialog?.kind === 'send' ? {...dialog, step: action.step, message: action.message} : dialog,
  };
};
