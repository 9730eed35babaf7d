/** "Last used" in the token grid: short and relative, so that the column fits 80×24. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** At most 9 characters: "never", "just now", "5m ago", "3h ago", "12d ago", "11mo ago", "2y ago". */
export const formatLastUsed = (used: Date | undefined, now: Date): string => {
  if (!used) return 'never';
  const elapsed = now.getTime() - used.getTime();
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h ago`;
  if (elapsed < 30 * DAY) return `${Math.floor(elapsed / DAY)}d ago`;
  if (elapsed < 365 * DAY) return `${Math.floor(elapsed / (30 * DAY))}mo ago`;
  return `${Math.floor(elapsed / (365 * DAY))}y ago`;
};
