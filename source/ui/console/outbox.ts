/** Where the OAuth information goes when it is sent; cli.tsx provides it, the UI never touches stdout or files itself. */

export type WrittenFile = {readonly kind: 'written'; readonly file: string} | {readonly kind: 'exists'; readonly file: string};

export interface Outbox {
  /** Writes a control sequence (OSC 52) to the terminal between Ink's frames; it draws nothing. */
  writeToTerminal(sequence: string): void;
  /** Writes a file only its owner can read (0600); 'exists' leaves an existing file untouched unless `overwrite`. `file` as typed: relative or ~/. */
  writePrivateFile(file: string, text: string, overwrite: boolean): Promise<WrittenFile>;
}
