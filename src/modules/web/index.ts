/**
 * Web pages, rendered on the server: for now the landing page and the API reference. The full
 * portal (search, dataset pages, publisher workspace) builds on this module.
 */
export { type WebDeps, webRoutes } from './web.routes.js';
