/** A row of F1's help as drawn and searched: a heading, a key and what it does, or a line of text. */
export interface HelpRow {
  readonly kind: 'heading' | 'key' | 'text';
  /** For key rows: the keys column (empty on a continued line). */
  readonly keys: string;
  readonly text: string;
}

/** A row as `/` searches it: its keys and its text. */
export const helpRowText = (row: HelpRow): string => (row.keys ? `${row.keys} ${row.text}` : row.text);

/** The width of the keys column. */
export const KEYS_COLUMN = 20;
