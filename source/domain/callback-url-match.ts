/** Whether the callback URL a third party presents is the saved one: see callback-url.ts, where the one rule for both lives. */
export {callbackUrlMatch, matchesCallbackUrl, type CallbackUrlMatch} from './callback-url.js';
