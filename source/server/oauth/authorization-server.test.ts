/**
 * The authorization page's failures are in the access log too (issue 17 §5): a request whose
 * answer throws is a 500 (naming nothing of the server) with its line, the time it arrived. No
 * request from outside makes the page fail today, so the data it reads is made to throw here.
 * And on a database its waiting page goes out only once the request is shared.
 */
import {createHash, randomBytes} from 'node:crypto';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import test, {type ExecutionContext} from 'ava';
import {createThirdParty, indexAccess, SCHEMA_VERSION} from '../../domain/index.js';
import type {SavePipeline} from '../../store/index.js';
import type {SharedApprovals, StoredApproval} from '../../store/postgres/shared-approvals.js';
import {within} from '../../../test/helpers/poll.js';
import type {AccessLogEntry} from '../access-log.js';
import type {LoadedData} from '../data-watcher.js';
import {httpRequest} from '../http-request.js';
import {createAuthorizationServer, type AuthorizationServerOptions} from './authorization-server.js';

/**
 * The authorization server's pages on a port of their own, for one test: the options every test
 * shares (issuer, no saves, the admin key, the body limit) and its own; its base URL.
 */
const servePages = async (
  t: ExecutionContext,
  options: Pick<AuthorizationServerOptions, 'data' | 'env' | 'log'> & Partial<AuthorizationServerOptions>,
): Promise<string> => {
  const authorization = createAuthorizationServer({
    issuer: () => 'https://tpa.example.test',
    // Nothing is saved here.
    pipeline: {} as SavePipeline,
    committed: () => undefined,
    adminKey: 'k'.repeat(43),
    bodyLimit: 4096,
    ...options,
  });
  const server = createServer((req, res) => {
    if (!authorization.streamingRoutes(req, res, new URL(req.url ?? '/', 'http://x').pathname, '192.0.2.7')) res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    authorization.close();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

test('an authorization request that fails is answered 500 and written to the access log', async t => {
  const logged: AccessLogEntry[] = [];
  const problems: string[] = [];
  const arrived = new Date('2026-11-27T10:00:00.000Z');
  const base = await servePages(t, {
    data: () => {
      throw new Error('the data of /secret/db.json is gone');
    },
    env: {now: () => arrived, randomBytes: size => new Uint8Array(size)},
    log: message => problems.push(message),
    accessLog: {write: entry => logged.push(entry), close: async () => undefined},
  });
  const answer = await httpRequest({method: 'GET', url: `${base}/oauth/authorize?client_id=x`});
  t.is(answer.status, 500);
  t.notRegex(answer.body, /secret/);
  t.deepEqual(logged, [
    {
      time: arrived.toISOString(),
      remote: '192.0.2.7',
      endpoint: 'authorize',
      status: 500,
      result: 'invalid_request',
      clientId: null,
      tokenId: null,
    },
  ]);
  t.regex(problems.join('\n'), /is gone/);
});

test('on a database, the waiting page is sent only once its request is in the shared list: the browser may come back to any server', async t => {
  const env = {now: () => new Date('2026-11-27T10:00:00.000Z'), randomBytes: (size: number) => randomBytes(size)};
  const thirdParty = {...createThirdParty(env, 'Acme'), callbackUrl: 'http://127.0.0.1/callback', enabled: true, approval: 'ask' as const};
  const loaded: LoadedData = {
    database: {schema: SCHEMA_VERSION, revision: 1, thirdParties: [thirdParty]},
    index: indexAccess([thirdParty]),
  };
  // The shared list's write of the new request is held until released.
  const written: StoredApproval[] = [];
  let release: (() => void) | undefined;
  const sharedApprovals: SharedApprovals = {
    add: async stored => {
      await new Promise<void>(resolve => (release = resolve));
      written.push(stored);
    },
    decide: async () => false,
    take: async () => false,
    load: async () => written,
    watch: () => () => undefined,
    follow: () => () => undefined,
    consoles: async () => 1,
  };
  const base = await servePages(t, {data: () => loaded, env, log: () => undefined, sharedApprovals});
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: thirdParty.callbackUrl,
    code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
    code_challenge_method: 'S256',
    state: 's',
  });
  let answered = false;
  const answer = httpRequest({method: 'GET', url: `${base}/oauth/authorize?${query}`});
  void answer.then(() => (answered = true));
  await within(5_000, async () => release !== undefined);
  // Not answered while the row is being written (a bound, not a wait for an event: nothing happens here).
  await new Promise(resolve => setTimeout(resolve, 300));
  t.false(answered, 'the waiting page went out before its request was shared');
  release!();
  const page = await answer;
  t.is(page.status, 200);
  t.is(written.length, 1);
  t.true(page.body.includes(`/oauth/authorize/wait/${written[0]!.approval.id}`));
});
