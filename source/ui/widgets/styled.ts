/**
 * A span of text styled as Ink's <Text> styles it: the same chalk calls in the same order (dim,
 * colour, bold, underline, inverse), so a row drawn as one Text of such spans shows exactly what
 * nested <Text>s showed (styled.test.tsx). Each nested <Text> was a React component, a node of
 * Ink's tree and a chalk call on every frame; a string costs nothing once made (bench/README.md,
 * issue 20).
 */
import chalk, {type ForegroundColorName} from 'chalk';

export type Color = ForegroundColorName;

export interface SpanStyle {
  readonly color?: Color | undefined;
  readonly bold?: boolean | undefined;
  readonly underline?: boolean | undefined;
  readonly inverse?: boolean | undefined;
  readonly dimColor?: boolean | undefined;
}

/** `text` as `<Text {...style}>{text}</Text>` draws it; an empty text stays empty, as Ink leaves it. */
export const styled = (text: string, {color, bold, underline, inverse, dimColor}: SpanStyle): string => {
  if (text === '') return text;
  let shown = text;
  if (dimColor) shown = chalk.dim(shown);
  if (color) shown = chalk[color](shown);
  if (bold) shown = chalk.bold(shown);
  if (underline) shown = chalk.underline(shown);
  if (inverse) shown = chalk.inverse(shown);
  return shown;
};
