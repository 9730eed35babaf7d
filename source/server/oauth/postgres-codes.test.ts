/**
 * Codes shared through the database (postgres-codes.ts), as two servers on one database see them:
 * one use across servers, a reuse seen by either revokes, and the caps decided as in memory
 * (a property: the same requests get the same answers from the memory keeper and the database's).
 */
import test from 'ava';
import fc from 'fast-check';
import {addToken, createThirdParty, SCHEMA_VERSION} from '../../domain/index.js';
import {writePostgresDataSet} from '../../store/copy/postgres-data-set.js';
import {connectPostgres, type PostgresConnection} from '../../store/postgres/connect.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {postgresForThisFile} from '../../../test/helpers/postgres-per-file.js';
import {migratedDatabase} from '../../../test/helpers/postgres-engine.js';
import {memoryCodeKeeper, type KeptCode} from './code-keeper.js';
import {postgresCodeKeeper} from './postgres-codes.js';

const postgres = postgresForThisFile();

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'codes');
const acme = {...addToken(createThirdParty(env, 'Acme Payments'), env), enabled: true, callbackUrl: 'https://acme.example/cb'};

/** Two connections to one fresh database holding Acme: two servers' views of it. */
const twoServers = async (t: {teardown(fn: () => unknown): void}): Promise<[PostgresConnection, PostgresConnection]> => {
  const location = await migratedDatabase(postgres());
  const connect = async () => {
    const connection = await connectPostgres(location, {applicationName: 'tpa test', poolSize: 2});
    t.teardown(() => connection.close());
    return connection;
  };
  const [a, b] = [await connect(), await connect()];
  await writePostgresDataSet(a, {database: {schema: SCHEMA_VERSION, revision: 1, thirdParties: [acme]}, audit: [], lastUsed: new Map()});
  return [a, b];
};

const codeOf = (code: string, address = '192.0.2.1', expiresAt = new Date(Date.now() + 60_000)): KeptCode => ({
  authorizationCode: code,
  expiresAt,
  redirectUri: 'https://acme.example/cb',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  codeChallengeMethod: 'S256',
  clientId: acme.clientId,
  grant: {thirdPartyId: acme.id, address, test: false, approvedBy: 'alice@host'},
});

test('a code kept by one server is found by the other as it was kept, and used once between them', async t => {
  const [a, b] = await twoServers(t);
  const [serverA, serverB] = [postgresCodeKeeper(a.db), postgresCodeKeeper(b.db)];
  const code = codeOf('c0de-one');
  t.deepEqual(await serverA.keep(code, Date.now()), {kind: 'room'});
  const found = await serverB.present('c0de-one');
  if (found.kind !== 'live') return t.fail(found.kind);
  t.deepEqual(found.code, {...code, scope: undefined});
  const uses = await Promise.all([serverA.use(code, Date.now()), serverB.use(code, Date.now())]);
  t.deepEqual(uses.sort(), [false, true], 'one of two servers at once, never both');
  t.deepEqual(await serverA.present('no-such-code'), {kind: 'unknown'});
  const stored = await a.db.selectFrom('authorization_codes').select('code_hash').execute();
  t.false(JSON.stringify(stored).includes('c0de-one'), 'only its hash is stored');
});

test('a code presented again on either server revokes its token: saved before or after the reuse', async t => {
  const [a, b] = await twoServers(t);
  const [serverA, serverB] = [postgresCodeKeeper(a.db), postgresCodeKeeper(b.db)];
  // The token saved first, the reuse seen on the other server: it names the token.
  const early = codeOf('early');
  await serverA.keep(early, Date.now());
  t.true(await serverA.use(early, Date.now()));
  t.false(await serverA.gave('early', 'token-1'));
  t.deepEqual(await serverB.present('early'), {kind: 'reused', thirdPartyId: acme.id, tokenId: 'token-1'});
  // The reuse seen first, on the other server: the server saving the token is told to revoke it.
  const late = codeOf('late');
  await serverA.keep(late, Date.now());
  t.true(await serverA.use(late, Date.now()));
  t.deepEqual(await serverB.present('late'), {kind: 'reused', thirdPartyId: acme.id, tokenId: undefined});
  t.true(await serverA.gave('late', 'token-2'));
});

test('property: the database’s keeper answers every request as the memory keeper does (caps, the pair’s oldest replaced, expiry)', async t => {
  const [a] = await twoServers(t);
  const limits = {perClientAddress: 2, perAddress: 3, perClient: 4, total: 5};
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({address: fc.constantFrom('192.0.2.1', '192.0.2.2', '192.0.2.3'), after: fc.nat({max: 30_000}), use: fc.boolean()}),
        {minLength: 1, maxLength: 12},
      ),
      async requests => {
        run++;
        await a.db.deleteFrom('authorization_codes').execute();
        const memory = memoryCodeKeeper(limits);
        const database = postgresCodeKeeper(a.db, limits);
        let now = Date.now();
        const kept: KeptCode[] = [];
        for (const [index, request] of requests.entries()) {
          now += request.after;
          const code = codeOf(`r${run}-c${index}`, request.address, new Date(now + 60_000));
          const [inMemory, inDatabase] = [await memory.keep(code, now), await database.keep(code, now)];
          // Which code was replaced is named differently (the code, its hash): the decision is compared.
          if (inMemory.kind !== inDatabase.kind || (inMemory.kind === 'full' && inMemory.cap !== (inDatabase as typeof inMemory).cap))
            return false;
          if (inMemory.kind === 'room') {
            if (inMemory.replaces !== undefined)
              kept.splice(
                kept.findIndex(candidate => candidate.authorizationCode === inMemory.replaces),
                1,
              );
            kept.push(code);
          }
          if (request.use && kept.length > 0) {
            const used = kept.shift()!;
            if ((await memory.use(used, now)) !== (await database.use(used, now))) return false;
          }
        }
        return true;
      },
    ),
    {numRuns: 40},
  );
  t.pass();
});
