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
 * Where the layout is broken, or undefined when it is intact: the header on the top row, the four
 * pane borders in their columns on every pane row, the footer below, at any terminal size (the
 * panes' borders are found on their top row: at 80 columns 0, 21, 22 and 79). Read cell by cell from the emulated terminal, so a
 * wide character that pushed a border shows up.
 */
export const layoutProblem = async (console: {
  screen(): Promise<string>;
  terminal: import('@xterm/headless').Terminal;
}): Promise<string | undefined> => {
  await console.screen(); // everything written so far has reached the emulator
  const {rows, cols} = console.terminal;
  const buffer = console.terminal.buffer.active;
  const cell = (row: number, column: number) =>
    buffer
      .getLine(buffer.viewportY + row)
      ?.getCell(column)
      ?.getChars() ?? '';
  const line = (row: number) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '';
  if (!line(0).includes('Setup/Modify Third Party Access')) return `row 0 is not the header: ${JSON.stringify(line(0))}`;
  let listEnd = 1;
  while (listEnd < cols && cell(1, listEnd) !== '┐') listEnd++;
  let formEnd = cols - 1;
  while (formEnd > listEnd && cell(1, formEnd) !== '┐') formEnd--;
  const corners = [0, listEnd, listEnd + 1, formEnd];
  const last = rows - 3;
  const expected = (row: number, column: number) => {
    const left = column === 0 || column === listEnd + 1;
    if (row === 1) return left ? '┌' : '┐';
    if (row === last) return left ? '└' : '┘';
    return '│';
  };
  for (let row = 1; row <= last; row++) {
    for (const column of corners) {
      if (cell(row, column) !== expected(row, column)) {
        return `row ${row}, column ${column} holds ${JSON.stringify(cell(row, column))}, not ${expected(row, column)}: ${JSON.stringify(line(row))}`;
      }
    }
  }
  if (!/^ \S/.test(line(rows - 2))) return `row ${rows - 2} is not the footer: ${JSON.stringify(line(rows - 2))}`;
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
