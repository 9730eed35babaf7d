/**
 * Exit codes of every `tpa` command, one table (README "Exit codes"). 0–2 follow the Nagios
 * plugin convention, so that `tpa expiring` can be a monitoring check as it is; every error is 3
 * or more, which monitoring reads as UNKNOWN; 64 and 70 are sysexits.h's EX_USAGE and EX_SOFTWARE.
 */
export const EXIT = {
  /** Done; `test`: access granted; `expiring`: nothing to report. */
  ok: 0,
  /** `test`: access denied; `expiring`: a token expires soon or an Enabled third party has no active token; `doctor`: a problem. */
  warning: 1,
  /** `expiring`: an Active token of an Enabled third party has expired. */
  critical: 2,
  /** No third party or token by that name, or more than one. */
  notFound: 3,
  /** A value the console's field rules refuse, or an action not possible now (nothing written). */
  refused: 4,
  /** The data file (or a file beside it) cannot be read, is invalid, or could not be written. */
  dataFile: 5,
  /** Unknown command or option, missing or extra argument. */
  usage: 64,
  /** A defect in tpa. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
