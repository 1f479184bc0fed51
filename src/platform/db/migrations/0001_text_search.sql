-- Shared search support: accent folding, trigram similarity and the French and English
-- text-search configurations every module's full-text index uses.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Accents are folded before stemming, so "municipalite" and "municipalités" share a stem.
-- French elisions (l', d', qu') need no rule: the parser splits on both apostrophes and the
-- French stop-word list drops the clitic.
CREATE TEXT SEARCH CONFIGURATION quai_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION quai_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

CREATE TEXT SEARCH CONFIGURATION quai_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION quai_en
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- unaccent() is only STABLE (it reads a dictionary); an IMMUTABLE wrapper lets expression
-- indexes use it. The dictionary is fixed at install time, which makes this safe.
CREATE FUNCTION quai_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
