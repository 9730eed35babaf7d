// Ink 6.8.0's build/output.js (MIT License, Copyright (c) Vadym Demedes), with three changes
// for speed, put in place as Ink is loaded (scripts/ink-changes.mjs). Ink builds every frame of
// the whole screen from scratch, 80×23 cells; on a key press in the console most of that work
// went into the same lines as the frame before. Measured (scratch profile, 300 list moves at 5,000
// third parties): median 6.9 → 4.7 ms, p95 11.1 → 8.1 ms from key to screen.
//   1. The tokenized lines and string widths of the previous frame are kept for one frame.
//   2. Equal styles of neighbouring cells (most of a frame) cost no difference of ANSI codes.
//   3. Blank cells share one object instead of 1,840 new ones per frame.
//   4. Lines of plain and narrow characters are cut into cells without a grapheme split, and their
//      cells placed without measuring each.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, tokenize} from '@alcalzone/ansi-tokenize';
const sameStyles = (from, to) => from === to || (from.length === to.length && from.every((code, index) => code.code === to[index].code));
// 2. styledCharsToString, without working out a difference between equal styles; a row's empty
// places (Ink filtered them out first) are passed over.
const rowToString = row => {
  let text = '';
  let previous;
  for (let index = 0; index < row.length; index++) {
    const char = row[index];
    if (char === undefined) continue;
    if (previous === undefined) text += ansiCodesToString(char.styles);
    else if (previous.styles !== char.styles && !sameStyles(previous.styles, char.styles))
      text += ansiCodesToString(diffAnsiCodes(previous.styles, char.styles));
    text += char.value;
    previous = char;
  }
  if (previous !== undefined && previous.styles.length > 0) text += ansiCodesToString(diffAnsiCodes(previous.styles, []));
  return text;
};
// 3. One blank cell for every blank cell of every frame: nothing changes a cell, cells are replaced.
// Every cell has the same shape (`cell`): a frozen one, or ansi-tokenize's own without `narrow`, made
// V8 throw away the frame builder's optimized code (18 ms to compile again, on a 2-CPU machine the
// slow key right after start).
const cell = (value, fullWidth, styles, narrow) => ({type: 'char', value, fullWidth, styles, narrow});
const BLANK = cell(' ', false, [], true);
const tokenizedChars = line => styledCharsFromTokens(tokenize(line)).map(char => cell(char.value, char.fullWidth, char.styles, false));
// 4. A line of ASCII and narrow symbols between colour codes (the console's lines: text, box
// lines, arrows, bullets) is cut into characters without ansi-tokenize's grapheme split
// (Intl.Segmenter over every new line: a third of a list move's frame); other lines go through it.
// Each such character is one grapheme one column wide (scripts/ink-changes.mjs `lineWidth`'s set).
// Characters of one run share their styles array (nothing changes a cell's styles). They are
// marked `narrow`: placed without asking string-width their width (1,840 lookups a frame, and
// string-width's grapheme split on cold code for the first frame's box lines: ~15 ms of the start).
const SIMPLE_TEXT = /^[\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u25FC\u25FF\u2713-\u2718]*$/;
// eslint-disable-next-line no-control-regex -- colour codes begin with ESC
const SGR = /\u001B\[[0-9;]*m/g;
const sgrTokens = new Map();
const styledCharsOf = line => {
  const chars = [];
  let styles = [];
  let at = 0;
  const text = until => {
    const run = line.slice(at, until);
    if (!SIMPLE_TEXT.test(run)) return false;
    for (const value of run) chars.push(cell(value, false, styles, true));
    return true;
  };
  for (const match of line.matchAll(SGR)) {
    if (!text(match.index)) return tokenizedChars(line);
    let tokens = sgrTokens.get(match[0]);
    if (tokens === undefined) {
      tokens = tokenize(match[0]);
      sgrTokens.set(match[0], tokens);
    }
    styles = reduceAnsiCodesIncremental(styles, tokens);
    at = match.index + match[0].length;
  }
  return text(line.length) ? chars : tokenizedChars(line);
};
// 1. Lines drawn in the previous frame are mostly drawn again: their work is kept for one frame.
let previousCaches;
class OutputCaches {
  constructor(previous) {
    this.previous = previous;
    if (previous) {
      previous.previous = undefined;
    }
  }
  widths = new Map();
  blockWidths = new Map();
  styledChars = new Map();
  getStyledChars(line) {
    return this.kept('styledChars', line, () => styledCharsOf(line));
  }
  getStringWidth(text) {
    return this.kept('widths', text, () => stringWidth(text));
  }
  // From this frame's map, else from the previous frame's (then kept for the next), else worked out.
  kept(cache, key, workOut) {
    let value = this[cache].get(key);
    if (value === undefined) {
      value = this.previous?.[cache].get(key) ?? workOut();
      this[cache].set(key, value);
    }
    return value;
  }
  getWidestLine(text) {
    let cached = this.blockWidths.get(text);
    if (cached === undefined) {
      let lineWidth = 0;
      for (const line of text.split('\n')) {
        lineWidth = Math.max(lineWidth, this.getStringWidth(line));
      }
      cached = lineWidth;
      this.blockWidths.set(text, cached);
    }
    return cached;
  }
}
export default class Output {
  width;
  height;
  operations = [];
  caches = new OutputCaches(previousCaches);
  constructor(options) {
    previousCaches = this.caches;
    const {width, height} = options;
    this.width = width;
    this.height = height;
  }
  write(x, y, text, options) {
    const {transformers} = options;
    if (!text) {
      return;
    }
    this.operations.push({
      type: 'write',
      x,
      y,
      text,
      transformers,
    });
  }
  clip(clip) {
    this.operations.push({
      type: 'clip',
      clip,
    });
  }
  unclip() {
    this.operations.push({
      type: 'unclip',
    });
  }
  get() {
    // Initialize output array with a specific set of rows, so that margin/padding at the bottom is preserved
    // Builtins (fill, an indexed loop below) rather than a loop per cell: the first frames after
    // start run before V8 has optimized this code, where a loop of 1,840 cells costs milliseconds.
    const output = [];
    for (let y = 0; y < this.height; y++) {
      output.push(new Array(this.width).fill(BLANK));
    }
    const clips = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') {
        clips.push(operation.clip);
      }
      if (operation.type === 'unclip') {
        clips.pop();
      }
      if (operation.type === 'write') {
        const {text, transformers} = operation;
        let {x, y} = operation;
        let lines = text.split('\n');
        const clip = clips.at(-1);
        if (clip) {
          const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
          const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
          // If text is positioned outside of clipping area altogether,
          // skip to the next operation to avoid unnecessary calculations
          if (clipHorizontally) {
            const width = this.caches.getWidestLine(text);
            if (x + width < clip.x1 || x > clip.x2) {
              continue;
            }
          }
          if (clipVertically) {
            const height = lines.length;
            if (y + height < clip.y1 || y > clip.y2) {
              continue;
            }
          }
          if (clipHorizontally) {
            lines = lines.map(line => {
              const from = x < clip.x1 ? clip.x1 - x : 0;
              const width = this.caches.getStringWidth(line);
              const to = x + width > clip.x2 ? clip.x2 - x : width;
              return sliceAnsi(line, from, to);
            });
            if (x < clip.x1) {
              x = clip.x1;
            }
          }
          if (clipVertically) {
            const from = y < clip.y1 ? clip.y1 - y : 0;
            const height = lines.length;
            const to = y + height > clip.y2 ? clip.y2 - y : height;
            lines = lines.slice(from, to);
            if (y < clip.y1) {
              y = clip.y1;
            }
          }
        }
        let offsetY = 0;
        for (let [index, line] of lines.entries()) {
          const currentLine = output[y + offsetY];
          // Line can be missing if `text` is taller than height of pre-initialized `this.output`
          if (!currentLine) {
            continue;
          }
          for (const transformer of transformers) {
            line = transformer(line, index);
          }
          const characters = this.caches.getStyledChars(line);
          let offsetX = x;
          for (let at = 0; at < characters.length; at++) {
            const character = characters[at];
            currentLine[offsetX] = character;
            if (character.narrow === true) {
              offsetX++;
              continue;
            }
            // Determine printed width using string-width to align with measurement
            const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
            // For multi-column characters, clear following cells to avoid stray spaces/artifacts
            if (characterWidth > 1) {
              for (let index = 1; index < characterWidth; index++) {
                currentLine[offsetX + index] = cell('', false, character.styles, true);
              }
            }
            offsetX += characterWidth;
          }
          offsetY++;
        }
      }
    }
    // A loop, not map and join: the array map makes in optimized code has another shape than the
    // one it makes before, and V8 threw the whole builder's optimized code away on the first
    // frame after optimizing it (18 ms to compile again).
    let generatedOutput = '';
    for (let y = 0; y < output.length; y++) {
      // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
      generatedOutput += (y === 0 ? '' : '\n') + rowToString(output[y]).trimEnd();
    }
    return {
      output: generatedOutput,
      height: output.length,
    };
  }
}
