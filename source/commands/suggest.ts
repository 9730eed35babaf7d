/** "Did you mean …?": the known words closest to a mistyped one. */

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
const editDistance = (a: string, b: string): number => {
  const rows: number[][] = Array.from({length: a.length + 1}, (_, index) => [index]);
  for (let column = 1; column <= b.length; column++) rows[0]![column] = column;
  for (let row = 1; row <= a.length; row++) {
    for (let column = 1; column <= b.length; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(rows[row - 1]![column]! + 1, rows[row]![column - 1]! + 1, rows[row - 1]![column - 1]! + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1])
        best = Math.min(best, rows[row - 2]![column - 2]! + 1);
      rows[row]![column] = best;
    }
  }
  return rows[a.length]![b.length]!;
};

/** The closest known words, best first; only those within a few edits (bounded, so a long word costs little). */
export const closest = (word: string, known: readonly string[], limit = 3): string[] => {
  const typed = word.slice(0, 200).toLowerCase();
  const allowed = Math.max(1, Math.min(3, Math.floor(typed.length * 0.4)));
  return known
    .map(candidate => ({candidate, distance: editDistance(typed, candidate.slice(0, 200).toLowerCase())}))
    .filter(entry => entry.distance <= allowed)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(entry => entry.candidate);
};

/** " Did you mean 'list'?" or " Did you mean 'show' or 'send'?"; empty without candidates. */
export const didYouMean = (candidates: readonly string[]): string => {
  if (candidates.length === 0) return '';
  const quoted = candidates.map(candidate => `'${candidate}'`);
  const list = quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)!}`;
  return ` Did you mean ${list}?`;
};
