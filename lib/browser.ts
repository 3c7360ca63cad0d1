/**
 * The one import point for the extension API. With the `@wxt-dev/webextension-polyfill`
 * module, `wxt/browser` is webextension-polyfill in builds and `fakeBrowser` in unit tests.
 * Project code imports `browser` from here, never `chrome.*`.
 */
export { browser } from 'wxt/browser';
export type { Browser } from 'wxt/browser';
