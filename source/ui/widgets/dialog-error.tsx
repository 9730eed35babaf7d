import React from 'react';
import {Paragraph} from './paragraph.js';
import {useTheme} from './theme.js';

/** A dialog's refusal, under what was typed: "✗ The name does not match…". */
export const DialogError = ({message}: {message: string | undefined}) => {
  const theme = useTheme();
  return message ? <Paragraph color={theme.error}>{`✗ ${message}`}</Paragraph> : null;
};
