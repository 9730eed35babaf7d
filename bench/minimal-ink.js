#!/usr/bin/env node
/**
 * The floor for start and keystroke: a minimal Ink program with one text field, drawn with the
 * console's own render options, on the alternate screen in raw mode as the console is.
 * Bundled into dist/minimal-ink.js with Ink's changes, as the console's dist/cli.js is (scripts/bundle.mjs):
 * plain JavaScript run by node, no loader in either.
 */
import '../dist/production-mode.js';
import {Box, render, Text, useApp, useInput} from 'ink';
import React, {useState} from 'react';
import {RENDER_OPTIONS} from '../dist/ui/render-options.js';

const h = React.createElement;

const Field = ({initial}) => {
  const [value, setValue] = useState(initial);
  const {exit} = useApp();
  useInput((input, key) => {
    if (key.ctrl && input === 'q') exit();
    else if (key.backspace || key.delete) setValue(text => text.slice(0, -1));
    else if (input && !key.ctrl && !key.meta) setValue(text => text + input);
  });
  return h(
    Box,
    {flexDirection: 'column'},
    h(Text, {bold: true}, 'Minimal Ink program'),
    h(Box, null, h(Text, null, 'Name  '), h(Text, null, value, h(Text, {inverse: true}, ' '))),
  );
};

process.stdout.write('\u001B[?1049h\u001B[H');
process.stdin.setRawMode(true);
const instance = render(h(Field, {initial: process.argv[2] ?? ''}), RENDER_OPTIONS);
await instance.waitUntilExit();
process.stdout.write('\u001B[?1049l');
