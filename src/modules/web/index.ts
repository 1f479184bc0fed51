/**
 * The web portal, rendered on the server in French and English: search, dataset pages,
 * organisations and themes, feeds, and the publisher's workspace.
 */
export { createWebModule } from './web.module.js';
