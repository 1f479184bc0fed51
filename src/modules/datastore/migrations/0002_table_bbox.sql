-- The extent of a spatial table (GeoJSON): [west, south, east, north] in WGS 84 degrees.
ALTER TABLE datastore.tables ADD COLUMN bbox jsonb;
