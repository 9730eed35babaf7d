/** Where the OAuth information goes when it is sent; cli.tsx provides it, the UI never touches stdout or files itself. */
import type {ClipboardCopy} from '../dialogs/send/osc52.js';

export type WrittenFile = {readonly kind: 'written'; readonly file: string} | {readonly kind: 'exists'; readonly file: string};

export interface Outbox {
  /**
   * Copies the text to the clipboard of the admin's terminal (OSC 52, through GNU screen's
   * passthrough inside screen), between Ink's frames: it draws nothing. Refused, with nothing
   * written, when it would show (too long, or the console is not on the alternate screen).
   */
  copyToClipboard(text: string): ClipboardCopy;
  /** Writes a file only its owner can read (0600); 'exists' leaves an existing file untouched unless `overwrite`. `file` as typed: relative or ~/. */
  writePrivateFile(file: string, text: string, overwrite: boolean): Promise<WrittenFile>;
  /** Where a sheet is written unless the admin types another path: beside the data file when its folder is private, else the home folder. */
  readonly sheetFolder?: string | undefined;
}
