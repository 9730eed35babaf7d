/** What a change command prints when it is saved: a sentence for people, the record for programs. */
import type {CommandContext} from './context.js';
import {EXIT} from './exit-codes.js';
import {jsonText, paint, safe} from './output.js';
import type {Saved} from './store-session.js';
import {envelope, thirdPartyView} from './views.js';

export interface ReportOptions {
  readonly json?: boolean;
  readonly reveal?: boolean;
}

export const reportSaved = (
  context: CommandContext,
  command: string,
  saved: Saved,
  options: ReportOptions,
  sentence: string,
  extra: object = {},
): number => {
  const {output} = context;
  if (options.json) {
    const body = {
      thirdParty: thirdPartyView(saved.thirdParty, context.env.now(), options.reveal === true),
      changed: !saved.unchanged,
      merged: saved.merged,
      ...extra,
    };
    output.write(jsonText(envelope(command, body)));
    return EXIT.ok;
  }
  output.write(`${sentence}\n`);
  if (saved.merged.length > 0)
    output.write(paint(output, 'dim', `Merged with changes made meanwhile to ${saved.merged.map(name => safe(name)).join(', ')}.\n`));
  return EXIT.ok;
};
