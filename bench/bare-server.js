#!/usr/bin/env node
/**
 * The floor for the server: node:http answering every request with one fixed JSON, with the
 * headers tpa serve sends. Prints its port, then runs until it is killed.
 */
import {createServer} from 'node:http';

const body = JSON.stringify({
  active: true,
  client_id: '01KMSY5R80EE9YR4HSX2T3JMRY',
  token_type: 'Bearer',
  iat: 1795773600,
  exp: 1811412000,
});
const headers = {'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store'};

const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
