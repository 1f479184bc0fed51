/**
 * The CKAN Action API v3 facade: CKAN 2.9/2.10 clients (scripts, ckanapi) use Quai unchanged.
 * It is a client of the catalog, accounts and datastore services and holds no SQL.
 */
export { createCkanModule } from './ckan.module.js';
