/** The list's filter (`/`, Ctrl+E): which third parties' names hold the query, as Ctrl+E matches names. */
import {nameKey} from '../../domain/index.js';
import type {ListFilter} from '../console/state.js';

/** The positions in the list (name order) whose name holds the query, as Ctrl+E matches names. */
const matchesOf = (searchNames: readonly string[], query: string): number[] => {
  const needle = nameKey(query);
  const matches: number[] = [];
  searchNames.forEach((name, index) => {
    if (name.includes(needle)) matches.push(index);
  });
  return matches;
};

/** The filter for a query; none for an empty one (the whole list). */
export const filterFor = (searchNames: readonly string[], query: string): ListFilter | undefined =>
  query.trim() === '' ? undefined : {query, matches: matchesOf(searchNames, query)};
