/** Text broken into lines of at most `width` columns, between words where it can (wide characters count two). */
import {displayWidth} from './text-width.js';

export const wrapToWidth = (text: string, width: number, separator = ' '): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(separator)) {
    const candidate = line === '' ? word : `${line}${separator}${word}`;
    if (displayWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    // A word longer than the line is broken inside it.
    let rest = word;
    while (displayWidth(rest) > width) {
      let cut = rest.length;
      while (cut > 1 && displayWidth(rest.slice(0, cut)) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
};
