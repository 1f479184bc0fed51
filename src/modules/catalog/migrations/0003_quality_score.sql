-- Each dataset's metadata quality score (0–100), computed by the quality module and pushed here so
-- that search can sort and facet by it (decision 0025). Null until the first computation. Its band
-- (high ≥ 80, medium ≥ 50, low) is also a facet key ('q' || band) in facet_keys.
ALTER TABLE catalog.datasets
  ADD COLUMN quality_score smallint CHECK (quality_score BETWEEN 0 AND 100);
