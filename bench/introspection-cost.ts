/**
 * The server's own work per introspection request, without the network: `npx tsx
 * bench/introspection-cost.ts [--size 5000] [--requests 200000] [--rounds 5]`. The request
 * handler of `tpa serve` (its routes, throttle, access log and last-used index, over a data file
 * of N third parties) answers requests made of plain objects: the body arrives as one chunk, the
 * answer goes to a recorder. What node:http and the socket cost is left out (bare node:http
 * pays it too; bench/server-quick.ts measures both), so the CPU time per request here is what
 * tpa adds to it. Load on the machine moves it: compare builds alternately, in the same minutes.
 */
import {EventEmitter} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {indexAccess} from '../source/domain/index.js';
import {openAccessLog} from '../source/server/access-log.js';
import {FailureThrottle} from '../source/server/failure-throttle.js';
import {createRequestHandler} from '../source/server/handle-request.js';
import {openLastUsedIndex} from '../source/server/last-used-index.js';
import {BODY_LIMIT} from '../source/server/read-body.js';
import {DEFAULT_ROUTES} from '../source/server/routes.js';
import {benchDatabase} from './generate-data.js';
import {introspectionRequest} from './server-load.js';

const {values} = parseArgs({options: {size: {type: 'string'}, requests: {type: 'string'}, rounds: {type: 'string'}}});
const size = Number(values.size ?? 5_000);
const requests = Number(values.requests ?? 200_000);
const rounds = Number(values.rounds ?? 5);

const database = benchDatabase(size);
const granted = database.thirdParties.find(thirdParty => thirdParty.enabled && thirdParty.tokens.some(token => token.active))!;
const token = [...granted.tokens].reverse().find(token => token.active)!;
const request = introspectionRequest({clientId: granted.clientId, clientSecret: granted.clientSecret, token: token.token});
const body = Buffer.from(request.body);
const headers = {
  host: '127.0.0.1:8787',
  'content-length': String(body.length),
  ...request.headers,
};
const rawHeaders = Object.entries(headers).flat();

const folder = mkdtempSync(path.join(tmpdir(), 'tpa-introspection-cost-'));
const data = {database, index: indexAccess(database.thirdParties)};
const accessLog = openAccessLog(path.join(folder, 'access.log'), message => console.error(message));
const lastUsed = await openLastUsedIndex(path.join(folder, 'last-used.json'), message => console.error(message));
const handler = createRequestHandler({
  routes: DEFAULT_ROUTES,
  data: () => data,
  now: () => new Date(),
  throttle: new FailureThrottle(),
  accessLog,
  lastUsed,
  bodyLimit: BODY_LIMIT,
});

const socket = {remoteAddress: '127.0.0.1', setTimeout: () => undefined};
let answered: () => void = () => undefined;
let status = 0;
const res = {
  writeHead: (code: number) => {
    status = code;
  },
  end: () => answered(),
  writeContinue: () => undefined,
} as unknown as ServerResponse;

/** One request through the handler: its body as one chunk, then its end, as node:http delivers a small form. */
const one = (): Promise<void> =>
  new Promise(resolve => {
    answered = resolve;
    const req = Object.assign(new EventEmitter(), {
      method: 'POST',
      url: request.path,
      headers,
      rawHeaders,
      socket,
      pause: () => undefined,
    }) as unknown as IncomingMessage;
    handler(req, res);
    req.emit('data', body);
    req.emit('end');
  });

await one();
if (status !== 200) throw new Error(`the token was not granted: ${status}`);
const perRequest: number[] = [];
for (let round = 0; round < rounds; round++) {
  const before = process.cpuUsage();
  for (let index = 0; index < requests; index++) await one();
  const used = process.cpuUsage(before);
  perRequest.push((used.user + used.system) / requests);
}
await accessLog.close();
await lastUsed.close();
rmSync(folder, {recursive: true, force: true});
const sorted = [...perRequest].sort((a, b) => a - b);
console.log(
  `introspection at ${size} third parties, handler only: CPU ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} µs a request (rounds ${perRequest
    .map(value => value.toFixed(2))
    .join(', ')}); load ${loadavg()
    .map(value => value.toFixed(2))
    .join(' ')}`,
);
