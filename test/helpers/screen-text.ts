/** Reading the console's screen: the right pane's text as one line, wrapped lines joined. */

/** How long a step may take on a busy two-core machine (the helper's default is 10 s). */
export const WAIT = 30_000;

/** The right pane between its borders: what follows the two borders where the panes meet (a wide character in the list shifts columns). */
export const rightPaneText = (screen: string): string =>
  screen
    .split('\n')
    .slice(2, -2)
    .map(line => (line.split('││')[1] ?? '').replace(/│\s*$/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ');

/**
 * Where the layout at 80×24 is broken, or undefined when it is intact: the header on the top row,
 * the four pane borders in their columns on every pane row, the footer below. Read cell by cell
 * from the emulated terminal, so a wide character that pushed a border shows up.
 */
export const layoutProblem = async (console: {
  screen(): Promise<string>;
  terminal: import('@xterm/headless').Terminal;
}): Promise<string | undefined> => {
  await console.screen(); // everything written so far has reached the emulator
  const buffer = console.terminal.buffer.active;
  const cell = (row: number, column: number) =>
    buffer
      .getLine(buffer.viewportY + row)
      ?.getCell(column)
      ?.getChars() ?? '';
  const line = (row: number) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '';
  if (!line(0).includes('Setup/Modify Third Party Access')) return `row 0 is not the header: ${JSON.stringify(line(0))}`;
  const last = 21;
  const expected = (row: number, column: number) => {
    const left = column === 0 || column === 22;
    if (row === 1) return left ? '┌' : '┐';
    if (row === last) return left ? '└' : '┘';
    return '│';
  };
  for (let row = 1; row <= last; row++) {
    for (const column of [0, 21, 22, 79]) {
      if (cell(row, column) !== expected(row, column)) {
        return `row ${row}, column ${column} holds ${JSON.stringify(cell(row, column))}, not ${expected(row, column)}: ${JSON.stringify(line(row))}`;
      }
    }
  }
  if (!/^ \S/.test(line(22))) return `row 22 is not the footer: ${JSON.stringify(line(22))}`;
  return undefined;
};

/** Ink redraws line by line: polls until a whole, intact frame is on screen; returns what stays broken. */
export const settledLayoutProblem = async (console: Parameters<typeof layoutProblem>[0], timeout = 3_000): Promise<string | undefined> => {
  let problem = await layoutProblem(console);
  for (const deadline = Date.now() + timeout; problem !== undefined && Date.now() < deadline; problem = await layoutProblem(console)) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return problem;
};
