/**
 * Calls back when a file beside others in its folder changes: the console's live refresh of the
 * data file (and of the access log, for "Last used"). Saves replace the data file by rename,
 * which ends a watch on the file itself, so its folder is watched; bursts are debounced.
 */
import {watch} from 'node:fs';
import path from 'node:path';

export interface FileWatch {
  close(): void;
}

export const watchFile = (file: string, onChange: () => void, debounceMs = 50): FileWatch => {
  const name = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher;
  try {
    watcher = watch(path.dirname(file), {persistent: false}, (_event, changed) => {
      // Some platforms do not say which file changed: then any change in the folder is a candidate.
      if (changed !== null && changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
  } catch {
    // No folder yet (no first save): nothing to watch; the console's own save makes it.
    return {close: () => undefined};
  }
  watcher.on('error', () => watcher.close());
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
};
