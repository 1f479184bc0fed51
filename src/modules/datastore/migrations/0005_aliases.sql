-- CKAN's table aliases: other names a resource's table answers to (datastore_search, SQL).
CREATE TABLE datastore.aliases (
  alias text PRIMARY KEY,
  resource_id uuid NOT NULL
);
CREATE INDEX aliases_resource ON datastore.aliases (resource_id);
