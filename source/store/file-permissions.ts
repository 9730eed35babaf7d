/** The data file holds client secrets and tokens: only its owner may read it. */
import {stat} from 'node:fs/promises';

/** A warning with the fix when group or others may read or write the file; undefined when it is fine or missing. */
export const permissionProblem = async (file: string): Promise<string | undefined> => {
  const info = await stat(file).catch(() => undefined);
  if (!info || (info.mode & 0o077) === 0) return undefined;
  const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
  return `${file} is open to group or others (mode ${mode}) and holds secrets. Fix: chmod 600 ${file}`;
};
