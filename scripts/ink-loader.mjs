/**
 * `node --import ./scripts/ink-loader.mjs …`: Ink loads with the changes of scripts/ink-changes.mjs,
 * as in the bundle, without touching node_modules. The tests run with it (package.json, ava).
 */
import {register} from 'node:module';

register('./ink-loader-hooks.mjs', import.meta.url);
