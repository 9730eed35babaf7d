/** A dialog's key line ("R reload theirs · K keep mine in a copy · …"), wrapped between keys: a line never starts with "·". */
import {Box, Text} from 'ink';
import React from 'react';
import {useTheme} from '../widgets/theme.js';
import {wrapToWidth} from '../widgets/wrap.js';
import {keyLine, type KeyContext, type KeyView} from './binding.js';

export const KeyLine = <S, P>({context, width, view}: {context: Pick<KeyContext<S, P>, 'bindings'>; width: number; view?: KeyView<S>}) => {
  const theme = useTheme();
  return (
    <Box flexDirection="column" flexShrink={0}>
      {wrapToWidth(keyLine(context, view), Math.max(1, width), ' · ').map((line, index) => (
        <Text key={index} color={theme.muted}>
          {line}
        </Text>
      ))}
    </Box>
  );
};
