/**
 * Ctrl+L, the terminal convention for redraw (bash, nano, less, vim): the whole screen is
 * cleared and drawn again, after another program wrote over it or a terminal lost its place.
 * Ink has no call for it; but it clears the terminal and draws the whole frame when the frame
 * before was as tall as the terminal (ARCHITECTURE.md, Pitfalls). So for one frame the
 * console is a row taller; the next, of the usual height, is drawn whole on a cleared screen.
 */
import {useEffect, useState} from 'react';

/** Long enough for Ink, which draws at most 120 frames a second (ui/render-options.ts), to have drawn the taller frame. */
const TALL_FRAME_MS = 100;

/** Rows to add to the frame now: 1 for the one frame after each Ctrl+L, else 0. */
export const useRedraw = (redraws: number | undefined): number => {
  const [tall, setTall] = useState(false);
  useEffect(() => {
    if (!redraws) return undefined;
    setTall(true);
    const timer = setTimeout(() => setTall(false), TALL_FRAME_MS);
    return () => clearTimeout(timer);
  }, [redraws]);
  return tall ? 1 : 0;
};
