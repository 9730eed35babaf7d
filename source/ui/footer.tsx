import {Text} from 'ink';
import React from 'react';
import type {FooterHint} from './keymap.js';
import {useTheme} from './theme.js';

/** The keys that work here: "Tab next · Space toggle · ^S save · …", cut to the width. */
export const Footer = ({hints}: {hints: readonly FooterHint[]}) => {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {' '}
      {hints.map((hint, index) => (
        <Text key={hint.key + hint.text}>
          {index > 0 ? <Text color={theme.muted}>{' · '}</Text> : null}
          <Text bold>{hint.key}</Text>
          {` ${hint.text}`}
        </Text>
      ))}
    </Text>
  );
};
