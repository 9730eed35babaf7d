/** The path of a request target, in origin form (`/v1/ping?x`) or absolute form (`http://host/v1/ping`, RFC 9112 §3.2.2). */

/** The path without its query, or undefined for a target that names no path of ours (`*`, authority form, junk). */
export const pathOf = (target: string | undefined): string | undefined => {
  if (target === undefined) return undefined;
  if (target.startsWith('/')) {
    const query = target.indexOf('?');
    return query === -1 ? target : target.slice(0, query);
  }
  if (!/^https?:\/\//i.test(target)) return undefined;
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
};

/** The query string of the target (without `?`), for routes that take parameters there. */
export const queryOf = (target: string | undefined): string => {
  if (target === undefined) return '';
  const query = target.indexOf('?');
  if (query === -1) return '';
  const fragment = target.indexOf('#', query);
  return target.slice(query + 1, fragment === -1 ? undefined : fragment);
};
