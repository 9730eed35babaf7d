/** `tpa serve` options: the proxy to trust, the connection cap, the log size. */
import test from 'ava';
import {parseCommand} from './options.js';
import {DEFAULT_LOG_MAX, parseSize} from './serve-options.js';

const parse = (...argv: string[]) => parseCommand(['serve', ...argv], {}, '/work');

test('defaults: no proxy trusted, 256 connections, logs rotated at 10 MB', t => {
  t.like(parse(), {kind: 'serve', trustProxy: undefined, maxConnections: 256, maxConnectionsPerAddress: 32, logMax: DEFAULT_LOG_MAX});
  t.is(DEFAULT_LOG_MAX, 10 * 1024 * 1024);
});

test('--trust-proxy takes an IP address, --max-connections a count, --log-max a size', t => {
  t.like(parse('--trust-proxy', '::ffff:10.0.0.1', '--max-connections', '50', '--max-connections-per-address', '8', '--log-max', '512K'), {
    trustProxy: '10.0.0.1',
    maxConnections: 50,
    maxConnectionsPerAddress: 8,
    logMax: 512 * 1024,
  });
  t.like(parse('--trust-proxy', '::1'), {trustProxy: '::1'});
});

test('wrong values are refused with a message naming the option', t => {
  for (const [argv, option] of [
    [['--trust-proxy', 'proxy.example'], '--trust-proxy'],
    [['--max-connections', '0'], '--max-connections'],
    [['--max-connections', 'many'], '--max-connections'],
    [['--max-connections-per-address', '0'], '--max-connections-per-address'],
    [['--log-max', '1K'], '--log-max'],
    [['--log-max', '2G'], '--log-max'],
    [['--log-max', 'big'], '--log-max'],
  ] as const) {
    const result = parse(...argv);
    t.is(result.kind, 'error');
    t.true(result.kind === 'error' && result.message.startsWith(option), JSON.stringify(result));
  }
});

test('sizes: bytes, K, M, G (1024-based), with an optional B', t => {
  t.is(parseSize('1048576'), 1024 * 1024);
  t.is(parseSize('10M'), 10 * 1024 * 1024);
  t.is(parseSize('10mb'), 10 * 1024 * 1024);
  t.is(parseSize('1G'), 1024 ** 3);
  t.is(parseSize('1.5M'), undefined);
  t.is(parseSize(''), undefined);
});
