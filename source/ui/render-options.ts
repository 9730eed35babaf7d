/** How Ink draws the console (cli.tsx); the benchmark's minimal Ink program uses the same options. */
import type {RenderOptions} from 'ink';

export const RENDER_OPTIONS = {
  // Ctrl+C reaches the key router, which asks before quitting with unsaved changes.
  exitOnCtrlC: false,
  patchConsole: false,
  // Ink 6.8's incrementalRendering leaves stale lines on this full-height frame (seen in xterm): off.
} as const satisfies RenderOptions;
