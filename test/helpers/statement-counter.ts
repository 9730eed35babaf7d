/**
 * A TCP relay in front of PostgreSQL that counts the statements its clients send: each simple
 * Query ('Q') and each Execute ('E') of the extended protocol, read from the frontend messages
 * (PostgreSQL's "Frontend/Backend Protocol", message formats). A test points a program at it
 * (`postgres://…@127.0.0.1:PORT/…?sslmode=disable`) to see how often it asks the database.
 */
import {connect, createServer, type Socket} from 'node:net';
import type {AddressInfo} from 'node:net';

export interface StatementCounter {
  readonly port: number;
  /** Statements sent through the relay so far, by every connection. */
  statements(): number;
  close(): Promise<void>;
}

/** Counts the typed messages of one connection's frontend stream, after its startup message (which has no type byte). */
const frontendCounter = (onStatement: () => void) => {
  let buffer = Buffer.alloc(0);
  let started = false;
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!started) {
        if (buffer.length < 4) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        buffer = buffer.subarray(length);
        started = true;
        continue;
      }
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0]!);
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      if (type === 'Q' || type === 'E') onStatement();
      buffer = buffer.subarray(1 + length);
    }
  };
};

export const countStatements = async (postgresPort: number): Promise<StatementCounter> => {
  let statements = 0;
  const sockets = new Set<Socket>();
  const relay = createServer(client => {
    const server = connect(postgresPort, '127.0.0.1');
    sockets.add(client).add(server);
    const count = frontendCounter(() => statements++);
    client.on('data', chunk => {
      count(chunk);
      server.write(chunk);
    });
    server.pipe(client);
    const end = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('close', end).on('error', end);
    server.on('close', end).on('error', end);
  });
  await new Promise<void>(resolve => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    statements: () => statements,
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
};
