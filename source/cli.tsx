#!/usr/bin/env node
/** Arguments, wiring and exit codes: the only place that knows every part. */
// Classic JSX (React.createElement): the automatic runtime's import would come before production-mode.js.
/** @jsxRuntime classic */
import './production-mode.js';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, readFileSync, statSync, writeSync} from 'node:fs';
import {homedir, hostname, tmpdir, userInfo} from 'node:os';
import path from 'node:path';
import {createLiveSources, DEBOUNCE_MS} from './console-live.js';
import {demoDatabase} from './demo-data.js';
import {isLoopbackHost, nameKey, toDisplayText, type Environment, type UnsavedChanges} from './domain/index.js';
import {EXIT} from './commands/exit-codes.js';
import {errorText, processOutput, runCliCommand} from './commands/run-command.js';
import {parseCommand} from './options.js';
import type {ServeCommand} from './serve-options.js';
import {runAuthorizationSelfTest} from './server/authorization-self-test.js';
import {createServerClient} from './server/server-client.js';
import {runningServerAddress} from './server/server-info.js';
import type {TestAuthorizationCommand} from './test-authorization-options.js';
import {
  DataFileError,
  describeLocation,
  formatDoctorReport,
  localFileOf,
  openEngine,
  stateFolder,
  type DataLocation,
  type PostgresLocation,
  JsonFileAdapter,
  openThirdPartyStore,
  recoveryPath,
  resolveUserPath,
  runDoctor,
  UnsafeFileError,
  writePrivateFile,
  writeRecoverySync,
} from './store/index.js';
import {enterFullScreen, isFullScreen, leaveFullScreen, terminalProblem} from './terminal.js';
import type {Outbox} from './ui/console/outbox.js';
import {copyToTerminal, multiplexerOf} from './ui/dialogs/send/osc52.js';

const env: Environment = {now: () => new Date(), randomBytes: size => randomBytes(size)};

const version = (): string => {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
  return packageJson.version;
};

/** "user@host" for the audit log; the store asks at the first save (userInfo can wait on LDAP). */
const actor = (): string => {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the best there is.
    user = process.env['USER'] ?? process.env['LOGNAME'] ?? `uid${process.getuid?.() ?? '?'}`;
  }
  return `${user}@${hostname()}`;
};

/**
 * Where Ctrl+O, W writes by default: beside the data file when only its owner can see into its
 * folder (tpa makes it 0700), else the home folder; never the working folder (a git checkout).
 */
const sheetFolderFor = (dataFile: string): string => {
  const folder = path.dirname(dataFile);
  try {
    const info = statSync(folder);
    return info.isDirectory() && (info.mode & 0o077) === 0 && info.uid === process.getuid?.() ? folder : homedir();
  } catch {
    // Not made yet: the first save makes it, 0700.
    return folder;
  }
};

/** Where the OAuth information goes when it is sent: the terminal's clipboard (OSC 52) or a 0600 file. */
const outboxFor = (dataFile: string): Outbox => ({
  // OSC 52 draws nothing and moves no cursor, so it can go between Ink's frames.
  copyToClipboard: text =>
    copyToTerminal(sequence => process.stdout.write(sequence), text, {multiplexer: multiplexerOf(process.env), fullScreen: isFullScreen()}),
  writePrivateFile: (file, text, overwrite) => writePrivateFile(resolveUserPath(file, process.cwd()), text, overwrite),
  sheetFolder: sheetFolderFor(dataFile),
});

const fail = (message: string, status = 1): never => {
  process.stderr.write(`tpa: ${message}\n`);
  process.exit(status);
};

const main = async (): Promise<void> => {
  const command = parseCommand(process.argv.slice(2), process.env, process.cwd());
  switch (command.kind) {
    case 'help':
      process.stdout.write(command.text);
      return;
    case 'version':
      process.stdout.write(`${version()}\n`);
      return;
    case 'error':
      process.stderr.write(errorText('tpa', {code: 'usage', message: command.message}, command.json));
      process.exitCode = command.exitCode;
      return;
    case 'cli': {
      const context = {
        data: command.data,
        dataFile: localFileOf(command.data, stateFolder(process.env)),
        env,
        actor,
        output: processOutput(),
        cwd: process.cwd(),
        serverAccess: createServerClient,
        runningServer: runningServerAddress,
      };
      process.exitCode = await runCliCommand(command, context);
      return;
    }
    case 'serve':
      return serve(command);
    case 'test-authorization':
      return testAuthorization(command);
    case 'doctor': {
      const checks =
        command.data.kind === 'file'
          ? await runDoctor(command.data.path)
          : await (await import('./store/database.js')).runPostgresDoctor(command.data);
      process.stdout.write(`${formatDoctorReport(describeLocation(command.data), checks)}\n`);
      process.exitCode = checks.some(check => check.level === 'problem') ? 1 : 0;
      return;
    }
    case 'migrate':
      return migrateDatabase(command.data);
    case 'copy':
      return copy(command.from, command.to);
    case 'console':
      break;
  }

  const problem = terminalProblem(process.env, process.stdin.isTTY === true, process.stdout.isTTY === true);
  if (problem) return fail(problem);

  let data = command.data;
  if (command.demo) {
    data = {kind: 'file', path: path.join(mkdtempSync(path.join(tmpdir(), 'tpa-demo-')), 'db.json')};
    await new JsonFileAdapter(data.path).write(demoDatabase(env));
  }
  // The session's own files (recovery, the running server's file): beside the data file, or in the user's state folder.
  const dataFile = localFileOf(data, stateFolder(process.env));

  // The console's own modules (Ink, React, yoga's WebAssembly) are evaluated only now, while the
  // file is read: `tpa serve` and the commands never load them (ARCHITECTURE.md, Build).
  const consoleModules = Promise.all([
    import('ink'),
    import('react'),
    import('./ui/app.js'),
    import('./ui/render-options.js'),
    import('./ui/widgets/theme.js'),
    import('./ui/console/frame-writer.js'),
  ]);
  let store;
  try {
    store = await openThirdPartyStore(data, env, {actor, localFile: dataFile, applicationName: 'tpa console', debounceMs: DEBOUNCE_MS});
  } catch (error) {
    if (error instanceof DataFileError)
      return fail(`${error.message}\n${data.kind === 'file' ? 'The file was not changed.' : 'Nothing was changed.'}`);
    throw error;
  }

  // What the form holds unsaved, as the console reports it: written to the recovery file when
  // the session ends without a save (SSH dropped: SIGHUP; SIGTERM; a crash).
  let unsaved: UnsavedChanges | undefined;
  const keepUnsaved = (): string => {
    if (!unsaved) return '';
    const problem = writeRecoverySync(dataFile, unsaved, env.now());
    return problem
      ? `tpa: the unsaved changes could not be kept (${problem})\n`
      : `tpa: unsaved changes kept in ${recoveryPath(dataFile)}; the next start offers them back.\n`;
  };
  const say = (text: string) => {
    try {
      writeSync(2, text);
    } catch {
      // The terminal is gone (SSH dropped).
    }
  };
  process.on('uncaughtException', error => {
    const kept = keepUnsaved();
    leaveFullScreen();
    say(`tpa: unexpected error: ${error.stack ?? error.message}\n${kept}`);
    process.exit(70);
  });
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
    process.on(signal, () => {
      const kept = keepUnsaved();
      leaveFullScreen();
      say(kept);
      process.exit(128 + ({SIGHUP: 1, SIGINT: 2, SIGTERM: 15} as const)[signal]);
    });
  }

  const [{render}, {default: React}, {App}, {RENDER_OPTIONS}, {ThemeProvider, themeFor}, {frameBufferedStdout}] = await consoleModules;
  enterFullScreen();
  // Raw mode before the first frame: a key typed as soon as the screen shows must not be eaten by
  // the line discipline (Ctrl+Q is XON there) or wait for Enter.
  process.stdin.setRawMode(true);
  // On a database, Last used is the servers' shared one, read from it when a server writes a batch.
  // On a database the servers may all be on other machines: Ctrl+T reaches them at the public address saved with the data.
  const serverClient = createServerClient(dataFile, data.kind === 'postgres' ? {publicAddress: () => store.database.settings?.issuer} : {});
  const access = store.lastUsed ? {...serverClient, lastUsed: store.lastUsed.read} : serverClient;
  const live = createLiveSources(dataFile, actor(), store);
  const instance = render(
    <ThemeProvider theme={themeFor(process.env)}>
      <App
        store={store}
        env={env}
        outbox={outboxFor(dataFile)}
        access={access}
        live={live}
        onUnsavedChange={changes => {
          unsaved = changes;
        }}
      />
    </ThemeProvider>,
    // One write per frame (ui/console/frame-writer.ts).
    {...RENDER_OPTIONS, stdout: frameBufferedStdout(process.stdout)},
  );
  await instance.waitUntilExit();
  live.close();
  leaveFullScreen();
  if (command.demo) process.stdout.write(`tpa: the demo data is in ${dataFile}\n`);
  // The database's connections end with the session (a file engine has none).
  await store.close();
};

/** `tpa serve`: runs until SIGINT or SIGTERM, then stops cleanly (exit 0). */
const serve = async (command: ServeCommand): Promise<void> => {
  const log = (message: string) => process.stderr.write(`tpa serve: ${message}\n`);
  // The server's modules (the OAuth library and its dependencies) load only for `tpa serve`.
  const {ServerRunningError, startServer} = await import('./server/start-server.js');
  const dataFile = localFileOf(command.data, stateFolder(process.env));
  let server;
  try {
    server = await startServer({
      dataFile,
      data: command.data,
      host: command.host,
      port: command.port,
      log,
      trustProxy: command.trustProxy,
      maxConnections: command.maxConnections,
      maxConnectionsPerAddress: command.maxConnectionsPerAddress,
      logMax: command.logMax,
      ...(command.issuer === undefined ? {} : {issuer: command.issuer}),
    });
  } catch (error) {
    if (error instanceof DataFileError) return fail(`${error.message}\nThe server did not start.`, EXIT.dataFile);
    // A link, a named pipe, a folder or another user's file where the server keeps its log or files: one line, exit 5.
    if (error instanceof UnsafeFileError) return fail(error.message, EXIT.dataFile);
    if (error instanceof ServerRunningError) return fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail(`${command.host}:${command.port} is in use; choose another port with --port.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      return fail(`cannot listen on ${command.host}: it is not an address of this machine.`);
    throw error;
  }
  log(`listening on ${server.url} for ${describeLocation(command.data)} (Ctrl+C stops)`);
  log(`authorization server ${server.issuer} (discovery: ${server.issuer}/.well-known/oauth-authorization-server)`);
  if (!isLoopbackHost(command.host))
    log(`${command.host} is not a loopback address: the server answers over plain HTTP to whoever can reach it`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log('stopping');
      void server.close().then(() => process.exit(0));
    });
  }
};

/** Exit 0 when every step passed, 1 when one failed (named with what to look at). */
const testAuthorization = async (command: TestAuthorizationCommand): Promise<void> => {
  const dataFile = localFileOf(command.data, stateFolder(process.env));
  let database;
  try {
    const engine = await openEngine(command.data, {applicationName: 'tpa test-authorization'});
    database = (await engine.read()).database;
    await engine.close();
  } catch (error) {
    if (error instanceof DataFileError) return fail(error.message);
    throw error;
  }
  const thirdParty = database.thirdParties.find(candidate => nameKey(candidate.name) === nameKey(command.name));
  if (!thirdParty) return fail(`no third party is named "${toDisplayText(command.name)}" in ${describeLocation(command.data)}`);
  const result = await runAuthorizationSelfTest(dataFile, thirdParty, actor());
  for (const step of result.steps)
    process.stdout.write(`${step.ok ? '✔' : '✘'} ${step.name.padEnd(10)} ${toDisplayText(step.answer)} (${step.ms.toFixed(0)} ms)\n`);
  if (result.failed) process.stdout.write(`The ${result.failed.step} step failed. ${result.failed.lookAt}\n`);
  else process.stdout.write('Automatic authorization works; the test token is revoked.\n');
  process.exitCode = result.ok ? 0 : 1;
};

/** `tpa migrate postgres://…`: creates or upgrades the schema (exit 5 when it cannot). */
const migrateDatabase = async (location: PostgresLocation): Promise<void> => {
  const {connectPostgres, migrate} = await import('./store/database.js');
  let connection;
  try {
    connection = await connectPostgres(location, {applicationName: 'tpa migrate', poolSize: 1});
    const result = await migrate(connection);
    process.stdout.write(
      result.ran.length === 0
        ? `${location.display} has schema ${result.to}, this tpa's: nothing to do.\n`
        : `${location.display}: schema ${result.from} → ${result.to} (${result.ran.join(', ')}).\n`,
    );
  } catch (error) {
    if (error instanceof DataFileError) return fail(error.message, 5);
    throw error;
  } finally {
    await connection?.close();
  }
};

/** `tpa copy --from A --to B`: the counts read from A and read back from B (exit 5 when the copy cannot be made or differs). */
const copy = async (from: DataLocation, to: DataLocation): Promise<void> => {
  const {copyData, CopyDiffersError, describeCounts} = await import('./store/database.js');
  let report;
  try {
    report = await copyData(from, to);
  } catch (error) {
    if (error instanceof CopyDiffersError) return fail(error.message, 5);
    if (error instanceof DataFileError) return fail(`${error.message}\nNothing was copied.`, 5);
    throw error;
  }
  process.stdout.write(`read ${describeLocation(from)}: ${describeCounts(report.source)}\n`);
  if (report.skipped > 0)
    process.stdout.write(`  ${report.skipped} audit log lines were not entries (cut short or edited by hand) and were left behind\n`);
  process.stdout.write(`wrote ${describeLocation(to)} and read it back: ${describeCounts(report.target)}; the same.\n`);
};

await main();
