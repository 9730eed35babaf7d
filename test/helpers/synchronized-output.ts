/**
 * What a terminal that honours synchronized output (DEC mode 2026, which Ink uses) shows: the part
 * of a frame between "begin" and "end" is held until its end arrives, so a test never reads a
 * frame half drawn (a pty hands a large frame over in pieces). A begin whose end does not come
 * within `holdMs` is let through, as terminals do.
 */
const BEGIN = '\u001B[?2026h';
const END = '\u001B[?2026l';

export const synchronizedFeed = (write: (text: string) => void, holdMs = 200) => {
  let held = '';
  let timer: NodeJS.Timeout | undefined;
  const release = () => {
    clearTimeout(timer);
    timer = undefined;
    const text = held;
    held = '';
    if (text) write(text);
  };
  const feed = (data: string): void => {
    const text = held + data;
    const begin = text.lastIndexOf(BEGIN);
    const open = begin !== -1 && text.indexOf(END, begin) === -1;
    held = open ? text.slice(begin) : '';
    const ready = open ? text.slice(0, begin) : text;
    if (ready) write(ready);
    if (!open) {
      clearTimeout(timer);
      timer = undefined;
    } else timer ??= setTimeout(release, holdMs);
  };
  /** `flush`: what is held goes out now (the program ended). */
  return {feed, flush: release};
};
