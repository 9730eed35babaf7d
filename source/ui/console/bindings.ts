/** The binding records of keys/binding.ts for the console's state and page sizes: what every context's keys are typed with. */
import type * as Keys from '../keys/binding.js';
import type {ConsoleState, Pages} from './state.js';

export type KeyView = Keys.KeyView<ConsoleState>;
export type KeyInput = Keys.KeyInput<ConsoleState, Pages>;
export type Binding = Keys.Binding<ConsoleState, Pages>;
export type KeyContext = Keys.KeyContext<ConsoleState, Pages>;
