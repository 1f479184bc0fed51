export { type Duck, openDuck, quoteIdentifier, quoteLiteral } from './duckdb.js';
