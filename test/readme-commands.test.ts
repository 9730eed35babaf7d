/**
 * The README's commands are tpa's: every command line it shows names a command that exists, with
 * its arguments and every option it has (--data, --json and --help aside, which the README says
 * once for all), and every command commander knows is in the README; the exit codes are EXIT's.
 */
import test from 'ava';
import type {Command} from 'commander';
import {EXIT} from '../source/commands/exit-codes.js';
import {commandDefinitions} from '../source/options.js';
import {readmeSection, readmeTable} from './helpers/readme.js';

const PROGRAM = commandDefinitions();

/** The options said once for all: "Every command … takes `--data FILE`; most take `--json`", and `tpa COMMAND --help`. */
const SAID_FOR_ALL = new Set(['--data', '--json', '--help']);

/** Every command by its full name ("" for tpa itself, "token add"), commander's `help` included. */
const commandsByName = (): Map<string, Command> => {
  const found = new Map<string, Command>([['', PROGRAM]]);
  const walk = (command: Command, prefix: string) => {
    for (const child of command.commands) {
      const name = `${prefix}${child.name()}`;
      found.set(name, child);
      walk(child, `${name} `);
    }
  };
  walk(PROGRAM, '');
  // commander makes `help [command]` itself, outside `commands`.
  const help = (PROGRAM as unknown as {_getHelpCommand(): Command | undefined})._getHelpCommand();
  if (help) found.set('help', help);
  return found;
};

const COMMANDS = commandsByName();
/** The commands that run: tpa itself and every command without subcommands. */
const LEAVES = [...COMMANDS].filter(([name, command]) => name === '' || command.commands.length === 0).map(([name]) => name);

interface Usage {
  /** As the README writes it. */
  readonly written: string;
  /** The commands it stands for: "token add|expire NAME" is two. */
  readonly names: readonly string[];
  readonly positionals: number;
  readonly options: readonly string[];
}

/**
 * A command line as the README writes it ("token add|expire NAME [TOKEN_ID] [--expires WHEN]",
 * "send NAME --out FILE [--force] | --stdout", "callback NAME URL|--none"): the commands, how many
 * arguments, which options. An option's value is the word after it when the option takes one.
 */
const usageOf = (written: string): Usage => {
  const words = written.replace(/[[\]]/g, ' ').split(/\s+/).filter(Boolean);
  let names = words.shift()!.split('|');
  if (names[0] !== undefined && names[0].startsWith('-')) {
    words.unshift(names[0]);
    names = [''];
  }
  const first = COMMANDS.get(names[0]!);
  if (names[0] !== '' && first && first.commands.length > 0 && words[0] !== undefined) {
    const parent = names[0]!;
    names = words
      .shift()!
      .split('|')
      .map(sub => `${parent} ${sub}`);
  }
  const takesValue = (option: string) =>
    COMMANDS.get(names[0]!)?.options.some(known => known.long === option && (known.required || known.optional));
  let positionals = 0;
  const options: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const parts = words[index]!.split('|').filter(Boolean);
    if (parts.length === 0) continue;
    if (parts.some(part => !part.startsWith('-'))) positionals++;
    for (const option of parts.filter(part => part.startsWith('-'))) {
      options.push(option);
      if (parts.length === 1 && takesValue(option)) index++;
    }
  }
  return {written, names, positionals, options};
};

const commandsSection = readmeSection('Commands');
const firstCodeBlock = (section: string): string => /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

/** The README's synopsis lines ("tpa doctor [--data FILE]   check …", "tpa serve …" as its own section shows it) and its table's cells. */
const readmeUsages = (): Usage[] => {
  const serve = firstCodeBlock(readmeSection('The server: `tpa serve`')).replace(/^tpa /, '').replace(/\s+/g, ' ').trim();
  const synopsis = firstCodeBlock(commandsSection)
    .split('\n')
    .filter(Boolean)
    .flatMap(line => line.split(/ {2,}/)[0]!.split(', '))
    .map(usage => usage.replace(/^tpa ?/, '').trim())
    .map(usage => (usage === 'serve …' ? serve : usage))
    // "tpa COMMAND --help": any command.
    .filter(usage => !/^[A-Z]+\b/.test(usage));
  const table = readmeTable(commandsSection, ['command', 'does']).flatMap(row =>
    [...row.command.matchAll(/`([^`]+)`/g)].map(match => match[1]!),
  );
  return [...synopsis, ...table].map(usageOf);
};

const USAGES = readmeUsages();

const longOptions = (command: Command): string[] => command.options.flatMap(option => (option.long ? [option.long] : []));

/** What a README command line gets wrong: a command tpa does not have, another count of arguments, an option the command does not have. */
const problemsOf = (usage: Usage): string[] =>
  usage.names.flatMap(name => {
    const command = COMMANDS.get(name);
    if (!command) return [`"${usage.written}": tpa has no command "${name}"`];
    const count = command.registeredArguments.length;
    return [
      ...(usage.positionals === count ? [] : [`"${usage.written}": tpa ${name} takes ${count} arguments, not ${usage.positionals}`]),
      ...usage.options
        .filter(option => !longOptions(command).includes(option))
        .map(option => `"${usage.written}": tpa ${name} has no ${option}`),
    ];
  });

/** The options of a command that none of the README's lines for it gives. */
const leftOut = (name: string): string[] => {
  const given = new Set(USAGES.filter(usage => usage.names.includes(name)).flatMap(usage => usage.options));
  return longOptions(COMMANDS.get(name)!)
    .filter(option => !SAID_FOR_ALL.has(option) && !given.has(option))
    .map(option => `tpa ${name} ${option}`);
};

test("every command line in the README's Commands is a command tpa has, with its arguments and options", t => {
  t.true(USAGES.length > 15, USAGES.map(usage => usage.written).join('\n'));
  t.deepEqual(USAGES.flatMap(problemsOf), []);
});

test("every option of every command is in the README's Commands", t => {
  t.deepEqual(LEAVES.flatMap(leftOut), []);
});

test('every command tpa has is in the README', t => {
  const shown = new Set(USAGES.flatMap(usage => usage.names));
  t.deepEqual(
    LEAVES.filter(name => !shown.has(name)).map(name => `tpa ${name}`),
    [],
  );
});

test('the commands the README says take no --data are the ones without it', t => {
  const sentence = /Every\s+command(?:\s+but\s+((?:`[^`]+`(?:, | and )?)+))?\s+takes\s+`--data FILE`/.exec(commandsSection);
  t.truthy(sentence, 'the README says which commands take --data');
  const but = [...(sentence?.[1] ?? '').matchAll(/`([^`]+)`/g)].map(match => match[1]!).sort();
  const without = LEAVES.filter(name => name !== 'help' && !longOptions(COMMANDS.get(name)!).includes('--data')).sort();
  t.deepEqual(but, without);
});

test("the README's exit codes are EXIT's", t => {
  const codes = readmeTable(commandsSection, ['exit', 'means']).map(row => Number(row.exit));
  t.deepEqual(
    codes,
    [...new Set(Object.values(EXIT))].sort((one, other) => one - other),
  );
});
