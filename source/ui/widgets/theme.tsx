/** Colours, and none at all when NO_COLOR is set (https://no-color.org): focus then shows by marker and bold. */
import React, {createContext, useContext, type ReactNode} from 'react';
import {styled, type Color, type SpanStyle} from './styled.js';

export interface Theme {
  readonly focus: Color | undefined;
  readonly error: Color | undefined;
  readonly ok: Color | undefined;
  readonly warning: Color | undefined;
  readonly muted: Color | undefined;
  readonly heading: Color | undefined;
}

const COLOURS: Theme = {focus: 'cyan', error: 'red', ok: 'green', warning: 'yellow', muted: 'gray', heading: 'blue'};
const NONE: Theme = {focus: undefined, error: undefined, ok: undefined, warning: undefined, muted: undefined, heading: undefined};

export const themeFor = (env: NodeJS.ProcessEnv): Theme => (env['NO_COLOR'] ? NONE : COLOURS);

const ThemeContext = createContext<Theme>(COLOURS);

export const ThemeProvider = ({theme, children}: {theme: Theme; children: ReactNode}) => (
  <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>
);

export const useTheme = (): Theme => useContext(ThemeContext);

/** The marker before the focused element, so focus shows without colour too. */
export const FOCUS_MARKER = '›';

/** How a focused element's text is drawn: the focus colour and bold; as it is otherwise. */
export const focusStyle = (focused: boolean, theme: Theme): SpanStyle => ({color: focused ? theme.focus : undefined, bold: focused});

/** The two columns before a row that can take the focus (styled.ts): the marker and a space when it has it. */
export const focusGutter = (focused: boolean, theme: Theme): string =>
  focused ? styled(`${FOCUS_MARKER} `, focusStyle(true, theme)) : '  ';
