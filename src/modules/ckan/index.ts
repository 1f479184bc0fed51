/**
 * The CKAN Action API v3 facade: CKAN 2.9/2.10 clients (scripts, ckanapi) use Quai unchanged.
 * It is a client of the catalog and accounts services and holds no SQL.
 */

export { CKAN_COMPATIBLE_VERSION } from './actions/site.actions.js';
export { CKAN_ACTIONS, type CkanRouteDeps, ckanRoutes } from './ckan.routes.js';
