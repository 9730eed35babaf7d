/** The access log's lines are what JSON.stringify writes for the entry, whatever its texts hold (fast-check). */
import test from 'ava';
import fc from 'fast-check';
import {accessLogLine, type AccessLogEntry} from './access-log.js';

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
