/**
 * The save pipeline's behaviour on every engine (test/helpers/engines.ts): merge per record and
 * per field, conflicts that name the other writer as the audit log does, audit entries written
 * with their change, instructions made again on the stored record, and the watchers told.
 */
import {commandActor, serverActor, type Database, type SaveOutcome, type ThirdParty} from '../source/domain/index.js';
import {changeInstruction, deleteInstruction, type Instruction, type SavePipeline} from '../source/store/index.js';
import {databaseOf, sampleThirdParties} from './helpers/data-files.js';
import {savedOutcome, testEachEngine, type EngineFactory, type EnginePlace} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';

const NAMES = ['Acme Payments', 'City Utilities', 'Caselle SDK'];

const setUp = async (engine: EngineFactory) => {
  const env = testEnvironment();
  const thirdParties = sampleThirdParties(env, NAMES);
  const place = await engine.place(databaseOf(thirdParties), env);
  const console = await place.open('alice@host1');
  const command = await place.open(commandActor('bob@host2'));
  return {env, place, thirdParties, console, command};
};

const named = (database: Database, name: string): ThirdParty => database.thirdParties.find(thirdParty => thirdParty.name === name)!;
const mine = (pipeline: SavePipeline, name: string) => named(pipeline.snapshot.database, name);
const change = (id: string, to: Partial<ThirdParty>): Instruction => changeInstruction(id, thirdParty => ({...thirdParty, ...to}), 'gone');
const one = async (pipeline: SavePipeline, instruction: Instruction): Promise<SaveOutcome> => (await pipeline.instruct([instruction]))[0]!;
const storedNamed = async (place: EnginePlace, id: string) => (await place.stored()).thirdParties.find(thirdParty => thirdParty.id === id);

testEachEngine(
  'two writers change different fields of one third party: both kept, and the save names whose change it merged',
  async (t, engine) => {
    const {place, console, command} = await setUp(engine);
    const acme = mine(console, 'Acme Payments');
    savedOutcome(await one(command, change(acme.id, {enabled: false})));
    const outcome = savedOutcome(await console.save({kind: 'upsert', thirdParty: {...acme, callbackUrl: 'https://acme.example/cb'}}));
    t.deepEqual(outcome.mergedFields?.fields, ['Enabled']);
    t.is(outcome.mergedFields?.changedBy.actor, 'bob@host2 (cli)');
    t.like(await storedNamed(place, acme.id), {enabled: false, callbackUrl: 'https://acme.example/cb'});
    t.deepEqual(
      (await place.audit()).map(entry => [entry.actor, entry.changes.map(changed => changed.field)]),
      [
        ['bob@host2 (cli)', ['enabled']],
        ['alice@host1', ['callbackUrl']],
      ],
    );
  },
);

testEachEngine(
  'the same field changed to another value: a conflict naming the field and the writer; nothing written',
  async (t, engine) => {
    const {place, console, command} = await setUp(engine);
    const acme = mine(console, 'Acme Payments');
    savedOutcome(await one(command, change(acme.id, {callbackUrl: 'https://bob.example/cb'})));
    const before = await place.stored();
    const outcome = await console.save({kind: 'upsert', thirdParty: {...acme, callbackUrl: 'https://alice.example/cb', enabled: false}});
    if (outcome.kind !== 'conflict') return t.fail(outcome.kind);
    t.deepEqual(outcome.conflict.fields, ['Callback URL']);
    t.like(outcome.conflict.changedBy, {actor: 'bob@host2 (cli)', action: 'update'});
    t.is(outcome.conflict.theirs?.callbackUrl, 'https://bob.example/cb');
    t.deepEqual(await place.stored(), before);
    t.is((await place.audit()).length, 1, 'no audit entry for what was not written');
  },
);

testEachEngine('a deletion meets a change: a conflict; a deletion meets a deletion: done', async (t, engine) => {
  const {console, command} = await setUp(engine);
  const [acme, city] = [mine(console, 'Acme Payments'), mine(console, 'City Utilities')];
  savedOutcome(await one(command, change(acme.id, {name: 'Acme Ltd'})));
  t.is((await console.save({kind: 'delete', id: acme.id})).kind, 'conflict');
  savedOutcome(await one(command, deleteInstruction(city.id)));
  t.false(
    savedOutcome(await console.save({kind: 'delete', id: city.id})).database.thirdParties.some(thirdParty => thirdParty.id === city.id),
  );
});

testEachEngine('a name another writer took meanwhile: invalid, with the field message, and nothing written', async (t, engine) => {
  const {place, console, command} = await setUp(engine);
  savedOutcome(await one(command, change(mine(command, 'Caselle SDK').id, {name: 'Dover'})));
  const outcome = await console.save({kind: 'upsert', thirdParty: {...mine(console, 'City Utilities'), name: 'DOVER'}});
  t.deepEqual(outcome, {
    kind: 'invalid',
    errors: {name: 'Another third party already has this name.'},
    message: 'Another third party already has this name.',
  });
  t.truthy(named(await place.stored(), 'City Utilities'));
});

testEachEngine(
  'instructions: made again on the stored record after a conflict, each answered on its own in one commit',
  async (t, engine) => {
    const {place, console, command} = await setUp(engine);
    const [acme, city, caselle] = [mine(command, 'Acme Payments'), mine(command, 'City Utilities'), mine(command, 'Caselle SDK')];
    savedOutcome(await console.save({kind: 'upsert', thirdParty: {...acme, callbackUrl: 'https://alice.example/cb'}}));
    let made = 0;
    const counted: Instruction = changeInstruction(
      acme.id,
      thirdParty => {
        made++;
        return {...thirdParty, callbackUrl: 'https://bob.example/cb'};
      },
      'gone',
    );
    const server = await place.open(serverActor('test'));
    const outcomes = await command.instruct([
      counted,
      changeInstruction(city.id, thirdParty => ({...thirdParty, enabled: !thirdParty.enabled}), 'gone'),
      {thirdPartyId: caselle.id, make: () => ({kind: 'refused', why: 'not now'})},
      change(caselle.id, {enabled: true}),
    ]);
    t.deepEqual(
      outcomes.map(outcome => outcome.kind),
      ['saved', 'saved', 'invalid', 'saved'],
    );
    t.is(made, 2, 'made again on the version the console saved');
    t.is((await storedNamed(place, acme.id))?.callbackUrl, 'https://bob.example/cb');
    t.false((await storedNamed(place, city.id))?.enabled);
    const revision = (await place.stored()).revision;
    // Nothing to change: nothing written.
    savedOutcome(await one(server, change(caselle.id, {enabled: true})));
    t.is((await place.stored()).revision, revision);
  },
);

testEachEngine(
  'several instructions for one third party in one commit are made one on the other, each with its audit entry',
  async (t, engine) => {
    const {place, command} = await setUp(engine);
    const acme = mine(command, 'Acme Payments');
    const names = ['One', 'Two', 'Three'];
    const outcomes = await command.instruct(
      names.map(name => changeInstruction(acme.id, thirdParty => ({...thirdParty, name: `${thirdParty.name} ${name}`}), 'gone')),
    );
    t.true(outcomes.every(outcome => outcome.kind === 'saved'));
    t.is((await storedNamed(place, acme.id))?.name, 'Acme Payments One Two Three');
    t.deepEqual(
      (await place.audit()).map(entry => entry.changes.find(changed => changed.field === 'name')?.new),
      ['Acme Payments One', 'Acme Payments One Two', 'Acme Payments One Two Three'],
    );
  },
);

testEachEngine('the watchers are told: another writer refreshes, unchanged records stay the same objects', async (t, engine) => {
  const {console, command} = await setUp(engine);
  let told = 0;
  const stop = console.engine.watch(() => told++);
  t.teardown(stop);
  const before = console.snapshot.database;
  savedOutcome(await one(command, change(mine(command, 'City Utilities').id, {enabled: false})));
  for (const deadline = Date.now() + 10_000; told === 0 && Date.now() < deadline;) await new Promise(resolve => setTimeout(resolve, 10));
  t.true(told > 0);
  const refreshed = await console.refresh(new Set());
  t.is(refreshed?.before, before);
  const after = refreshed!.after;
  t.false(named(after, 'City Utilities').enabled);
  t.is(named(after, 'Acme Payments'), named(before, 'Acme Payments'));
  t.is(await console.refresh(new Set()), undefined, 'nothing more to read');
});
