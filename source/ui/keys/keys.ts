/**
 * Raw terminal input to key presses. Ink's `useInput` hides F1 (it reports every function key
 * as an empty string) and hands text with embedded control characters to a field in one piece
 * (keys typed fast over SSH can arrive in one read: "ab\x13" must be "a", "b"… then Ctrl+S),
 * so the console reads Ink's raw input events and names each key itself.
 */

export interface KeyPress {
  /** "ctrl+s", "shift+tab", "up", "f1", "space", "text", "paste", …; see the keymap. */
  readonly name: string;
  /** The characters to insert, for "text", "space" and "paste". */
  readonly text: string;
}

const key = (name: string, text = ''): KeyPress => ({name, text});

const SEQUENCES: Record<string, string> = {
  '\t': 'tab',
  '\u001B[Z': 'shift+tab',
  '\r': 'return',
  '\n': 'return',
  '\u001BOM': 'return',
  '\u001B': 'escape',
  '\u001B\u001B': 'escape',
  '\u007F': 'backspace',
  '\b': 'backspace',
  '\u001B[3~': 'delete',
  '\u001B[A': 'up',
  '\u001BOA': 'up',
  '\u001B[B': 'down',
  '\u001BOB': 'down',
  '\u001B[C': 'right',
  '\u001BOC': 'right',
  '\u001B[D': 'left',
  '\u001BOD': 'left',
  '\u001B[5~': 'pageup',
  '\u001B[6~': 'pagedown',
  '\u001B[H': 'home',
  '\u001BOH': 'home',
  '\u001B[1~': 'home',
  '\u001B[7~': 'home',
  '\u001B[F': 'end',
  '\u001BOF': 'end',
  '\u001B[4~': 'end',
  '\u001B[8~': 'end',
  '\u001BOP': 'f1',
  '\u001B[11~': 'f1',
  '\u001B[[A': 'f1',
  '\u001B[1P': 'f1',
  // F2–F12 are bound nowhere; named, they can say so (xterm, then the Linux console and rxvt).
  '\u001BOQ': 'f2',
  '\u001BOR': 'f3',
  '\u001BOS': 'f4',
  '\u001B[15~': 'f5',
  '\u001B[17~': 'f6',
  '\u001B[18~': 'f7',
  '\u001B[19~': 'f8',
  '\u001B[20~': 'f9',
  '\u001B[21~': 'f10',
  '\u001B[23~': 'f11',
  '\u001B[24~': 'f12',
  '\u001B[[B': 'f2',
  '\u001B[[C': 'f3',
  '\u001B[[D': 'f4',
  '\u001B[[E': 'f5',
  '\u001B[12~': 'f2',
  '\u001B[13~': 'f3',
  '\u001B[14~': 'f4',
  '\u001B[1Q': 'f2',
  '\u001B[200~': 'paste-start',
  '\u001B[201~': 'paste-end',
};

/** One key from one of Ink's input events that holds a single key (see `splitInput`). */
export const parseKey = (sequence: string): KeyPress => {
  const named = SEQUENCES[sequence];
  if (named) return key(named);
  if (sequence === ' ') return key('space', ' ');
  if (sequence === '\u0000') return key('ctrl+space');
  if (sequence.length === 1) {
    const code = sequence.charCodeAt(0);
    if (code >= 1 && code <= 26) return key(`ctrl+${String.fromCharCode(code + 96)}`);
    if (code < 32 || (code >= 0x7f && code <= 0x9f)) return key('control');
  }
  if (sequence.startsWith('\u001B')) {
    // Alt+letter arrives as ESC letter; anything else we do not know is ignored, never typed.
    const rest = sequence.slice(1);
    return rest.length === 1 && rest >= ' ' ? key(`meta+${rest.toLowerCase()}`) : key('unknown');
  }
  return key('text', sequence);
};

/**
 * Ink splits its input at escape sequences only; split text further so that each control
 * character is a key of its own and printable runs stay together (a paste stays one insert).
 */
export const splitInput = (input: string): string[] => {
  // Esc and then a control key, typed quickly, reach Ink as one "meta" pair: keep them two keys.
  if (/^\u001B[\u0000-\u001A\u001C-\u001F\u007F]$/.test(input)) return ['\u001B', input.slice(1)];
  if (input.startsWith('\u001B') || !/[\u0000-\u001F\u007F-\u009F]/.test(input) || input.length === 1) return [input];
  return input.match(/[\u0000-\u001F\u007F-\u009F]|[^\u0000-\u001F\u007F-\u009F]+/g) ?? [];
};

/**
 * Bracketed paste (DECSET 2004): the terminal wraps pasted text in ESC[200~ … ESC[201~, so a
 * pasted line break is text, not Enter. The reader collects what comes between and hands it
 * over as one "paste" key; everything else becomes keys.
 */
export const createKeyReader = (onKey: (key: KeyPress) => void): ((input: string) => void) => {
  let paste: string[] | undefined;
  return input => {
    if (paste !== undefined) {
      const end = input.indexOf('\u001B[201~');
      if (end === -1) {
        paste.push(input);
        return;
      }
      paste.push(input.slice(0, end));
      const text = paste.join('');
      paste = undefined;
      onKey(key('paste', text));
      return;
    }
    for (const part of splitInput(input)) {
      const parsed = parseKey(part);
      if (parsed.name === 'paste-start') paste = [];
      else if (parsed.name !== 'paste-end') onKey(parsed);
    }
  };
};

export const ENABLE_BRACKETED_PASTE = '\u001B[?2004h';
export const DISABLE_BRACKETED_PASTE = '\u001B[?2004l';
