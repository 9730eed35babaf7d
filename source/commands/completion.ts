/**
 * `tpa completion bash|zsh`: a completion script made from the command definitions themselves,
 * so a new command or option completes without another edit. Commands, subcommands and options
 * complete; file names after --data and --out; the names of the third parties (from `tpa list
 * --names`, on the data file the line names) where a command takes one.
 */
import type {Command, Option} from 'commander';
import {UsageError} from './errors.js';
import {EXIT} from './exit-codes.js';
import {NAME_HELP, type Accept} from './program.js';

interface Word {
  readonly word: string;
  readonly description: string;
}

/** Every command with its key ("" for tpa itself, "list", "token add", …), parents first. */
const commandsByKey = (root: Command): [string, Command][] => {
  const found: [string, Command][] = [];
  const walk = (command: Command, key: string) => {
    found.push([key, command]);
    for (const child of command.commands) walk(child, key === '' ? child.name() : `${key} ${child.name()}`);
  };
  walk(root, '');
  return found;
};

/** What completes after `tpa [command [subcommand]]`, keyed "command subcommand". */
const completionTable = (root: Command): Map<string, Word[]> => {
  const options = (command: Command): Word[] =>
    command.options
      .filter((option: Option) => !option.hidden && option.long !== undefined)
      .map(option => ({word: option.long!, description: option.description}));
  const commands = (command: Command): Word[] =>
    command.commands
      .filter(child => !(child as unknown as {_hidden?: boolean})._hidden)
      .map(child => ({word: child.name(), description: child.description()}));
  return new Map(
    commandsByKey(root).map(([key, command]) => [
      key,
      [...commands(command), ...options(command), {word: '--help', description: 'help for this command'}],
    ]),
  );
};

/** Options that take a value: the word after them is not a command. */
const valueOptions = (root: Command): string[] => {
  const found = new Set<string>();
  for (const [, command] of commandsByKey(root))
    for (const option of command.options) if ((option.required || option.optional) && option.long) found.add(option.long);
  return [...found].sort();
};

const FILE_OPTIONS = '--data|--out';

/** '"show"|"token add"|…': the shell case pattern of the commands whose first argument is an existing third party's name. */
const nameCommands = (root: Command): string =>
  commandsByKey(root)
    .filter(([, command]) => command.registeredArguments[0]?.description === NAME_HELP)
    .map(([key]) => `"${key}"`)
    .join('|');

const bashScript = (root: Command): string => {
  const cases = [...completionTable(root)]
    .map(([key, words]) => `    "${key}") words="${words.map(word => word.word).join(' ')}" ;;`)
    .join('\n');
  const named = nameCommands(root);
  return `# bash completion for tpa: add  eval "$(tpa completion bash)"  to ~/.bashrc
_tpa() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" key="" depth=0 skip=0 args=0 i words
  local -a data=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    if ((skip)); then skip=0; continue; fi
    case "\${COMP_WORDS[i]}" in
      --data) data=(--data "\${COMP_WORDS[i+1]}"); skip=1 ;;
      ${valueOptions(root).join('|')}) skip=1 ;;
      -*) ;;
      *) if ((depth == 0)); then key="\${COMP_WORDS[i]}"; depth=1; elif [[ $key == token && depth -eq 1 ]]; then key="$key \${COMP_WORDS[i]}"; depth=2; else args=$((args + 1)); fi ;;
    esac
  done
  case "$prev" in
    ${FILE_OPTIONS}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  # A third party's name, as tpa list --names gives them (a name may hold spaces: one per line, quoted).
  if ((args == 0)) && [[ $cur != -* ]]; then
    case "$key" in
      ${named})
        local typed="\${cur//\\\\ / }" name
        COMPREPLY=()
        while IFS= read -r name; do
          [[ $name == "$typed"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
        done < <(command tpa "\${data[@]}" list --names 2>/dev/null)
        return ;;
    esac
  fi
  case "$key" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _tpa tpa
`;
};

/** 'word:description' for _describe (the first colon separates them), quoted for the shell. */
const zshWord = (word: Word): string => `'${`${word.word}:${word.description}`.replace(/'/g, `'\\''`)}'`;

const zshScript = (root: Command): string => {
  const named = nameCommands(root);
  const cases = [...completionTable(root)].map(([key, words]) => `    ("${key}") choices=(${words.map(zshWord).join(' ')}) ;;`).join('\n');
  return `#compdef tpa
# zsh completion for tpa: add  source <(tpa completion zsh)  to ~/.zshrc (after compinit)
_tpa() {
  local key="" depth=0 skip=0 args=0 i
  local -a choices data names
  for ((i = 2; i < CURRENT; i++)); do
    if ((skip)); then skip=0; continue; fi
    case "\${words[i]}" in
      (--data) data=(--data "\${words[i+1]}"); skip=1 ;;
      (${valueOptions(root).join('|')}) skip=1 ;;
      (-*) ;;
      (*) if ((depth == 0)); then key="\${words[i]}"; depth=1; elif [[ $key == token && depth -eq 1 ]]; then key="$key \${words[i]}"; depth=2; else args=$((args + 1)); fi ;;
    esac
  done
  case "\${words[CURRENT-1]}" in
    (${FILE_OPTIONS}) _files; return ;;
  esac
  # A third party's name, as tpa list --names gives them (compadd quotes spaces).
  if ((args == 0)) && [[ \${words[CURRENT]} != -* ]]; then
    case "$key" in
      (${named})
        names=("\${(@f)$(command tpa "\${data[@]}" list --names 2>/dev/null)}")
        compadd -a names
        return ;;
    esac
  fi
  case "$key" in
${cases}
    (*) choices=() ;;
  esac
  _describe -t commands 'tpa' choices
}
if [[ $funcstack[1] == _tpa ]]; then _tpa "$@"; else compdef _tpa tpa; fi
`;
};

export const registerCompletion = (program: Command, accept: Accept): void => {
  const command = program
    .command('completion')
    .description('print the bash or zsh completion script (eval "$(tpa completion bash)")')
    .argument('<shell>', 'bash or zsh');
  command.action((shell: string) => {
    if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`tpa completion knows bash and zsh, not '${shell.slice(0, 20)}'.`);
    accept(command, async context => {
      context.output.write(shell === 'bash' ? bashScript(program) : zshScript(program));
      return EXIT.ok;
    });
  });
};
