/** How Ink draws the console (cli.tsx); the benchmark's minimal Ink program uses the same options. */
import type {RenderOptions} from 'ink';

export const RENDER_OPTIONS = {
  // Ctrl+C reaches the key router, which asks before quitting with unsaved changes.
  exitOnCtrlC: false,
  patchConsole: false,
  // Only the lines that changed are written: a key costs a line or two over SSH, not the whole
  // screen. Ink 6.8 drew such frames a row low; scripts/ink-changes.mjs fixes it as Ink is loaded.
  incrementalRendering: true,
  // A frame at most every 9 ms instead of Ink's 34 (30 a second): an action that draws twice in a
  // row (Ctrl+S: "Saving…", then "Saved") waited for the second frame's window, ~30 ms of every save
  // (bench/README.md). One key draws one frame, so typing and moving draw no more than before.
  maxFps: 120,
} as const satisfies RenderOptions;
