/** Every scriptable command, in the order `tpa --help` lists them. */
import type {Command} from 'commander';
import {registerAdd} from './add.js';
import {registerCompletion} from './completion.js';
import {registerExpiring} from './expiring.js';
import {registerHistory} from './history.js';
import {registerList} from './list.js';
import type {Accept} from './program.js';
import {registerSend} from './send.js';
import {registerShow} from './show.js';
import {registerTest} from './test-access.js';
import {registerThirdPartyCommands} from './third-party-commands.js';
import {registerTokenCommands} from './token-commands.js';

export const registerCommands = (program: Command, accept: Accept): void => {
  registerList(program, accept);
  registerShow(program, accept);
  registerAdd(program, accept);
  registerTokenCommands(program, accept);
  registerThirdPartyCommands(program, accept);
  registerTest(program, accept);
  registerSend(program, accept);
  registerExpiring(program, accept);
  registerHistory(program, accept);
  registerCompletion(program, accept);
};
