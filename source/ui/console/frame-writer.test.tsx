/** One write per frame: what Ink writes as three parts reaches the terminal as one, and nothing is held back. */
import {PassThrough} from 'node:stream';
import {setImmediate as nextTurn} from 'node:timers/promises';
import test from 'ava';
import React from 'react';
import {createFrameWriter, frameBufferedStdout} from './frame-writer.js';

// Ink writes synchronized frames only outside CI (is-in-ci, read when Ink loads): this file's
// worker is a terminal's console, as the pty tests' children are.
process.env['CI'] = 'false';
const {render, Text} = await import('ink');

const BEGIN = '\u001B[?2026h';
const END = '\u001B[?2026l';

const recorder = () => {
  const writes: string[] = [];
  return {writes, write: (chunk: string) => writes.push(chunk) > 0};
};

test('the parts of a synchronized update go out as one write; other writes pass at once', t => {
  const {writes, write} = recorder();
  const writeFrame = createFrameWriter(write);
  writeFrame('before');
  writeFrame(BEGIN);
  writeFrame('line one');
  writeFrame('line two');
  t.deepEqual(writes, ['before'], 'nothing of the frame before its end');
  writeFrame(END);
  writeFrame('after');
  t.deepEqual(writes, ['before', `${BEGIN}line oneline two${END}`, 'after']);
});

test('a begin whose end never comes is written at the next turn of the event loop', async t => {
  const {writes, write} = recorder();
  const writeFrame = createFrameWriter(write);
  writeFrame(BEGIN);
  writeFrame('half a frame');
  await nextTurn();
  t.deepEqual(writes, [`${BEGIN}half a frame`]);
  writeFrame('next');
  t.deepEqual(writes, [`${BEGIN}half a frame`, 'next'], 'the writer is back to passing writes through');
});

test('Ink drawing on a TTY-like stream through it: each frame is one write, and the stream keeps its size', async t => {
  const terminal = Object.assign(new PassThrough(), {isTTY: true, columns: 40, rows: 10});
  const writes: string[] = [];
  terminal.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
  const stdout = frameBufferedStdout(terminal as unknown as NodeJS.WriteStream);
  t.is(stdout.columns, 40);
  t.is(stdout.rows, 10);
  const instance = render(<Text>first</Text>, {stdout, patchConsole: false, incrementalRendering: true});
  await nextTurn();
  writes.length = 0;
  instance.rerender(<Text>second</Text>);
  await nextTurn();
  instance.unmount();
  const frame = writes.find(chunk => chunk.includes('second'));
  t.truthy(frame, `the second frame was written: ${JSON.stringify(writes)}`);
  if (frame?.includes(BEGIN)) t.true(frame.endsWith(END), 'a synchronized frame carries its own end');
  t.false(
    writes.some(chunk => chunk === BEGIN || chunk === END),
    'no begin or end written alone',
  );
});
