/**
 * One write per frame. Ink 6.8 writes a frame as three writes to the terminal: "begin synchronized
 * update", the changed lines, "end synchronized update". Each is a system call on a TTY
 * (synchronous in Node), and the terminal (or sshd, tmux, screen) may wake up for each part. The
 * console gives Ink this stream instead of process.stdout: the writes between the begin and the end
 * go out as one. A begin left without its end (Ink never does this) goes out at the next turn of the
 * event loop, so nothing is ever held back.
 */
const BEGIN_SYNCHRONIZED_UPDATE = '\u001B[?2026h';
const END_SYNCHRONIZED_UPDATE = '\u001B[?2026l';

type Write = (chunk: string) => boolean;

/** Collects the parts of one synchronized update and writes them with `write` as one string. */
export const createFrameWriter = (write: Write): Write => {
  let parts: string[] | undefined;
  const flush = () => {
    if (!parts) return true;
    const text = parts.join('');
    parts = undefined;
    return write(text);
  };
  return chunk => {
    if (parts) {
      parts.push(chunk);
      return chunk === END_SYNCHRONIZED_UPDATE ? flush() : true;
    }
    if (chunk !== BEGIN_SYNCHRONIZED_UPDATE) return write(chunk);
    parts = [chunk];
    setImmediate(flush);
    return true;
  };
};

/**
 * process.stdout as Ink sees it (size, resize events, isTTY), whose string writes go through a frame
 * writer. Writes with a callback or an encoding, which Ink does not make, pass straight through.
 */
export const frameBufferedStdout = (stdout: NodeJS.WriteStream): NodeJS.WriteStream => {
  const writeFrame = createFrameWriter(chunk => stdout.write(chunk));
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    typeof chunk === 'string' && rest.length === 0 ? writeFrame(chunk) : (stdout.write as (...parts: unknown[]) => boolean)(chunk, ...rest);
  return new Proxy(stdout, {
    get: (target, property) => {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...parts: unknown[]) => unknown).bind(target) : value;
    },
  });
};
