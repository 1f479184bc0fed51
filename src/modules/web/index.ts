/**
 * The web portal, rendered on the server in French and English: search, dataset pages,
 * organisations and themes, feeds, and the publisher's workspace.
 */

/** Pages' addresses, for the command line's messages (a one-time link to set a password). */
export { href } from './i18n/paths.js';
export { createWebModule } from './web.module.js';
