import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** A new empty folder for one test; the data file inside it does not exist yet. */
export const temporaryDataFile = (name = 'db.json'): string => path.join(mkdtempSync(path.join(tmpdir(), 'tpa-test-')), 'data', name);
