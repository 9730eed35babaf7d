/** Reading the console's screen: the right pane's text as one line, wrapped lines joined. */

/** Columns of the right pane between its borders at 80 columns (the list pane is 22 wide). */
export const rightPaneText = (screen: string): string =>
  screen
    .split('\n')
    .slice(2, -2)
    .map(line => [...line].slice(23, 79).join('').trim())
    .join(' ')
    .replace(/\s+/g, ' ');
