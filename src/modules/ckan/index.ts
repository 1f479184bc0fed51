/**
 * The CKAN Action API v3 facade: CKAN 2.9/2.10 clients (scripts, ckanapi) use Quai unchanged.
 * It is a client of the catalog and accounts services and holds no SQL.
 */

export { type CkanRouteDeps, ckanRoutes } from './ckan.routes.js';
