/**
 * Who writes the data, as the audit log names them: a console ("alice@host"), a command
 * ("alice@host (cli)"), the authorization server ("automatic authorization (tpa serve on HOST)").
 * The conflict dialog and the merge notice tell the three apart by these names.
 */

const CLI_SUFFIX = ' (cli)';
const SERVER_PREFIX = 'automatic authorization';

export const commandActor = (user: string): string => `${user}${CLI_SUFFIX}`;

export const serverActor = (host: string): string => `${SERVER_PREFIX} (tpa serve on ${host})`;

export type WriterKind = 'console' | 'command' | 'server';

/** Which kind of writer an audit log actor is; undefined when nobody is named. */
export const writerKind = (actor: string | undefined): WriterKind | undefined => {
  if (actor === undefined) return undefined;
  if (actor.endsWith(CLI_SUFFIX)) return 'command';
  if (actor.startsWith(SERVER_PREFIX)) return 'server';
  return 'console';
};
