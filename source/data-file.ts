import path from 'node:path';

/** The data file when neither --data nor TPA_DATA names one; both `tpa` and `tpa serve` use it. */
export const DEFAULT_DATA_FILE = path.join('data', 'db.json');
