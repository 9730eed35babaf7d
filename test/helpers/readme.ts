/** The README as the tests that keep it true read it: a section by its heading, a table's rows by its header. */
import {readFileSync} from 'node:fs';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The text under a `## ` or `### ` heading, up to the next heading of that level or above. */
export const readmeSection = (heading: string, text = README): string => {
  const start = text.search(new RegExp(`^(#{2,3}) ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm'));
  if (start === -1) throw new Error(`The README has no section "${heading}".`);
  const level = /^#+/.exec(text.slice(start))![0].length;
  const rest = text.slice(start).split('\n').slice(1);
  const end = rest.findIndex(line => new RegExp(`^#{2,${level}} `).test(line));
  return rest.slice(0, end === -1 ? undefined : end).join('\n');
};

/** The cells of a table row, split at its unescaped `|`, with `\|` read as `|`. */
const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map(cell => cell.trim().replaceAll('\\|', '|'));

/** The rows of the table in `section` whose header is `columns`, each as {column: cell}. */
export const readmeTable = <Column extends string>(section: string, columns: readonly Column[]): Record<Column, string>[] => {
  const lines = section.split('\n');
  const head = lines.findIndex(line => line.startsWith('|') && cells(line).join('|') === columns.join('|'));
  if (head === -1) throw new Error(`No table with the columns ${columns.join(', ')}.`);
  const rows: Record<Column, string>[] = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const values = cells(line);
    rows.push(Object.fromEntries(columns.map((column, index) => [column, values[index] ?? ''])) as Record<Column, string>);
  }
  return rows;
};
