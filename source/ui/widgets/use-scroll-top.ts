import {useRef} from 'react';
import {scrollTop} from './scroll.js';

/** The first visible row of a list that scrolls only as far as it must to keep the cursor in view. */
export const useScrollTop = (cursor: number, visible: number, count: number): number => {
  const previous = useRef(0);
  previous.current = scrollTop(previous.current, cursor, visible, count);
  return previous.current;
};
