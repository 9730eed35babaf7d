/**
 * Command line and environment to what cli.tsx runs, with commander; no I/O, so that every case
 * is a unit test. `tpa` alone opens the console; `serve` and `doctor` keep their options; the
 * scriptable commands are defined in commands/ and come back as a CliCommand to run.
 */
import {Command as Program, CommanderError} from 'commander';
import {EXIT} from './commands/exit-codes.js';
import {CliError, UsageError} from './commands/errors.js';
import {DATA_HELP, dataLocationOf, fullName, withData, type Accept, type CliCommand} from './commands/program.js';
import {parseDataLocation, type DataLocation, type PostgresLocation} from './store/data-location.js';
import {registerCommands} from './commands/register.js';
import {closest, didYouMean} from './commands/suggest.js';
import {
  SERVE_DEFAULT_HOST,
  SERVE_DEFAULT_MAX_CONNECTIONS,
  SERVE_DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
  SERVE_DEFAULT_PORT,
  serveCommandOf,
  type ServeCommand,
  type ServeValues,
} from './serve-options.js';
import type {TestAuthorizationCommand} from './test-authorization-options.js';

export type Command =
  | {readonly kind: 'help'; readonly text: string}
  | {readonly kind: 'version'}
  | {readonly kind: 'console'; readonly data: DataLocation; readonly demo: boolean}
  | ServeCommand
  | TestAuthorizationCommand
  | {readonly kind: 'doctor'; readonly data: DataLocation}
  | {readonly kind: 'migrate'; readonly data: PostgresLocation}
  | {readonly kind: 'copy'; readonly from: DataLocation; readonly to: DataLocation}
  | CliCommand
  | {readonly kind: 'error'; readonly message: string; readonly exitCode: number; readonly json: boolean};

const AFTER_HELP = `
Run tpa COMMAND --help for a command's options. With --json a command prints one JSON document
(schemas/cli-output.schema.json). Exit codes: 0 done, 1 access denied / warning, 2 critical,
3 unknown name, 4 refused value, 5 data file problem, 64 wrong usage.
Keys: F1 in the console lists them all.`;

/** "Unknown option '--jsn'. Did you mean '--json'?" from commander's "error: unknown option '--jsn'\n(Did you mean --json?)". */
const reworded = (message: string): string => {
  const [first = '', ...rest] = message.replace(/^error: /, '').split('\n');
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim())?.[1];
  const sentence = `${first.charAt(0).toUpperCase()}${first.slice(1)}`.replace(/[.]$/, '');
  return suggestion ? `${sentence}.${didYouMean([suggestion])}` : `${sentence}.`;
};

/** The command the arguments reach ("tpa token add"), for the pointer to its --help. */
const reached = (root: Program, argv: readonly string[]): string => {
  let command = root;
  const names = ['tpa'];
  for (const word of argv) {
    const child = command.commands.find(candidate => candidate.name() === word);
    if (!child) continue;
    command = child;
    names.push(word);
  }
  return names.join(' ');
};

const buildProgram = (
  env: NodeJS.ProcessEnv,
  cwd: string,
  choose: (command: Command) => void,
  written: (text: string) => void,
): Program => {
  const program = new Program('tpa')
    .description(
      'tpa: set up the OAuth access of third parties to a Connect server.\nWithout a command: open the console on the data file.',
    )
    .exitOverride()
    .configureOutput({writeOut: written, writeErr: written, outputError: () => undefined})
    // Root options stop at the command's name: in `tpa list --data F`, --data is list's own (program.ts dataLocationOf takes either).
    .enablePositionalOptions()
    .helpOption('-h, --help', "this text (tpa COMMAND --help: the command's)")
    .option('--data <file|postgres://…>', DATA_HELP)
    .option('--demo', 'open the console on a throwaway copy of sample third parties (the data file is not touched)')
    .option('-v, --version', 'the version')
    // commander adds `help COMMAND` by itself only to a program without an action; this one has the console.
    .helpCommand('help [command]', "a command's options")
    .addHelpText('after', AFTER_HELP);

  const accept: Accept = (command, run) => {
    choose({
      kind: 'cli',
      name: fullName(command),
      data: dataLocationOf(command, env, cwd),
      json: command.opts<{json?: boolean}>().json === true,
      run,
    });
  };
  registerCommands(program, accept);

  const serve = program
    .command('serve')
    .description('the OAuth authorization server of the third parties in the data file, and their test requests (until Ctrl+C)');
  withData(serve)
    .option('--host <address>', 'the address to listen on', SERVE_DEFAULT_HOST)
    .option('--port <port>', 'the port; 0 takes any free port', String(SERVE_DEFAULT_PORT))
    .option('--issuer <url>', 'the public address third parties use (e.g. the TLS reverse proxy); kept in the data file')
    .option('--trust-proxy <address>', "the reverse proxy's IP address, whose X-Forwarded-For names the client")
    .option('--max-connections <n>', 'open connections at most', String(SERVE_DEFAULT_MAX_CONNECTIONS))
    .option(
      '--max-connections-per-address <n>',
      'open connections from one address at most',
      String(SERVE_DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
    )
    .option('--log-max <size>', 'rotate the access log past this size (64K to 1G; the audit log rotates at 10M)', '10M')
    .action((options: Omit<ServeValues, 'data'> & {data?: string; host: string; port: string}) => {
      const data = options.data ?? program.opts<{data?: string}>().data;
      refuseDemo(program, 'serve');
      const command = serveCommandOf({...options, data}, env, cwd);
      if (command.kind === 'error') throw new UsageError(command.message);
      choose(command);
    });

  const testAuthorization = program
    .command('test-authorization')
    .argument('<name...>', 'the third party, by name')
    .description('run automatic authorization for a third party through the running tpa serve; its token is revoked at the end');
  withData(testAuthorization).action((words: string[]) => {
    refuseDemo(program, 'test-authorization');
    choose({kind: 'test-authorization', data: dataLocationOf(testAuthorization, env, cwd), name: words.join(' ').trim()});
  });

  const doctor = program
    .command('doctor')
    .description('check the data file and the files beside it; says how to fix (exit 1 on a problem)');
  withData(doctor).action(() => {
    refuseDemo(program, 'doctor');
    choose({kind: 'doctor', data: dataLocationOf(doctor, env, cwd)});
  });

  program
    .command('copy')
    .description('copy everything (third parties, audit log, Last used, settings) to a new data file or an empty database, and verify it')
    .requiredOption('--from <file|postgres://…>', 'where the data is now (only read)')
    .requiredOption('--to <file|postgres://…>', 'a data file that does not exist yet, or a migrated database with no data')
    .action((options: {from: string; to: string}) => {
      refuseDemo(program, 'copy');
      const [from, to] = [options.from, options.to].map(given => {
        const parsed = parseDataLocation(given, {...env, TPA_DATA: ''}, cwd);
        if ('message' in parsed) throw new UsageError(parsed.message);
        return parsed.location;
      });
      choose({kind: 'copy', from: from!, to: to!});
    });

  const migrate = program
    .command('migrate')
    .argument('[database]', 'postgres://USER@HOST:PORT/DATABASE (default: --data, or $TPA_DATA)')
    .description("create or upgrade tpa's tables in a PostgreSQL database (a data file needs none)");
  withData(migrate).action((given: string | undefined) => {
    refuseDemo(program, 'migrate');
    if (given !== undefined) migrate.setOptionValue('data', given);
    const data = dataLocationOf(migrate, env, cwd);
    if (data.kind !== 'postgres')
      throw new UsageError(
        `tpa migrate works on a PostgreSQL database (postgres://USER@HOST:PORT/DATABASE), not on the file ${data.path}: a data file needs no migration.`,
      );
    choose({kind: 'migrate', data});
  });

  // An unknown command reaches the program's own action (it has one: the console), so the program takes excess arguments and names it here.
  program.allowExcessArguments(true).action((options: {demo?: boolean; version?: boolean}) => {
    const [word] = program.args;
    if (word !== undefined) {
      const names = [...program.commands.map(command => command.name()), 'help'];
      throw new UsageError(`Unknown command '${word.slice(0, 40)}'.${didYouMean(closest(word, names, 1))}`);
    }
    if (options.version) return choose({kind: 'version'});
    choose({kind: 'console', data: dataLocationOf(program, env, cwd), demo: options.demo === true});
  });
  return program;
};

/** The commands as defined, with their arguments and options: for the test that keeps the README's commands true. */
export const commandDefinitions = (): Program =>
  buildProgram(
    {},
    '/',
    () => undefined,
    () => undefined,
  );

const refuseDemo = (program: Program, name: string) => {
  if (program.opts<{demo?: boolean}>().demo) throw new UsageError(`tpa ${name} works on a data file: --demo does not apply.`);
};

export const parseCommand = (argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Command => {
  let chosen: Command | undefined;
  let text = '';
  const program = buildProgram(
    env,
    cwd,
    command => {
      chosen = command;
    },
    written => {
      text += written;
    },
  );
  const json = argv.includes('--json');
  const usage = (message: string): Command => ({kind: 'error', message, exitCode: EXIT.usage, json});
  try {
    program.parse([...argv], {from: 'user'});
  } catch (error) {
    if (error instanceof CommanderError) {
      // tpa --help, tpa help COMMAND (commander.help with exit code 0).
      if (error.code === 'commander.helpDisplayed' || (error.code === 'commander.help' && error.exitCode === 0))
        return {kind: 'help', text};
      // tpa help lsit: commander shows the whole help as an error; say which word it did not know.
      const [first, asked] = argv;
      if (
        error.code === 'commander.help' &&
        first === 'help' &&
        asked !== undefined &&
        !program.commands.some(known => known.name() === asked)
      ) {
        const names = program.commands.map(known => known.name());
        return usage(`Unknown command '${asked.slice(0, 80)}'.${didYouMean(closest(asked, names))}\nRun tpa --help for the commands.`);
      }
      // A command with subcommands and none given (tpa token): its help, as a usage error.
      if (error.code === 'commander.help') {
        const command = reached(program, argv);
        const names =
          program.commands.find(candidate => `tpa ${candidate.name()}` === command)?.commands.map(candidate => candidate.name()) ?? [];
        return usage(`${command} needs a command: ${names.join(', ')}.\nRun ${command} --help for more.`);
      }
      return usage(`${reworded(error.message)}\nRun ${reached(program, argv)} --help for the options.`);
    }
    if (error instanceof CliError) return {kind: 'error', message: error.message, exitCode: error.exitCode, json};
    throw error;
  }
  return chosen ?? usage('Nothing to do.');
};
