/** The access log's lines are what JSON.stringify writes for the entry, whatever its texts hold (fast-check), and reach the file whole. */
import {readFileSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import {accessLogLine, openAccessLog, type AccessLogEntry} from './access-log.js';

const text = fc.oneof(
  fc.string(),
  fc.string({unit: 'binary'}),
  fc.constantFrom('127.0.0.1', '2001:db8::1', '01KMSY5R80EE9YR4HSX2T3JMRY', 'a"b', 'c\\d', '\u0000', '\u2028', '\uD800'),
);

test('an access log line is JSON.stringify of its entry, field for field and escape for escape', t => {
  fc.assert(
    fc.property(
      fc.record({
        time: fc.oneof(
          fc.date({noInvalidDate: true}).map(date => date.toISOString()),
          text,
        ),
        remote: text,
        endpoint: text,
        status: fc.oneof(fc.integer({min: 100, max: 599}), fc.double()),
        result: text,
        clientId: fc.option(text, {nil: null}),
        tokenId: fc.option(text, {nil: null}),
      }),
      entry => {
        t.is(accessLogLine(entry as AccessLogEntry), JSON.stringify(entry));
      },
    ),
    {numRuns: 2000},
  );
});

test('the access log keeps every line whole and in order across its flushes, whatever characters its fields hold', async t => {
  const folder = await mkdtemp(path.join(tmpdir(), 'tpa-access-log-'));
  const file = path.join(folder, 'access.log');
  const problems: string[] = [];
  const log = openAccessLog(file, message => problems.push(message));
  // Up to ~600 bytes a line: several 64 KiB buffers, lines of one, two, three and four bytes a character.
  const entries: AccessLogEntry[] = Array.from({length: 3_000}, (_, index) => ({
    time: new Date(Date.UTC(2026, 11, 6, 9, 0, 0, index)).toISOString(),
    remote: ['127.0.0.1', 'é', '\u2028', '€', '😀'][index % 5]!.repeat(1 + (index % 97)),
    endpoint: 'introspect',
    status: 200,
    result: 'granted',
    clientId: index % 3 === 0 ? null : `client-${index}`,
    tokenId: `token-${index}`,
  }));
  for (const entry of entries) log.write(entry);
  await log.close();
  t.deepEqual(problems, []);
  t.deepEqual(readFileSync(file, 'utf8').split('\n'), [...entries.map(entry => JSON.stringify(entry)), '']);
});
