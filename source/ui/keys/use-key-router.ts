/**
 * The console's one way in for keys. It listens to Ink's raw input events (not `useInput`,
 * which hides F1 and keeps text and control characters of one read together) and hands each
 * key to `onKey`, which decides by priority: the open dialog first, then the focused field,
 * then the keymap.
 */
import {useStdin} from 'ink';
import {useLayoutEffect, useRef} from 'react';
import {createKeyReader, type KeyPress} from './keys.js';

export const useKeyRouter = (onKey: (key: KeyPress) => void): void => {
  const {setRawMode, internal_eventEmitter: events} = useStdin();
  const latest = useRef(onKey);
  latest.current = onKey;

  // A layout effect: listening starts before the first frame is shown, so no key typed at once is lost.
  useLayoutEffect(() => {
    setRawMode(true);
    const read = createKeyReader(key => latest.current(key));
    events.on('input', read);
    return () => {
      events.off('input', read);
      setRawMode(false);
    };
  }, [events, setRawMode]);
};
