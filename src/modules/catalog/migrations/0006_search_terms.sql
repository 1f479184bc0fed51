-- The words of public titles and keywords (issue 20): a search with a typo (« budjet »,
-- « bulding permit ») finds the closest known word by trigram similarity and is searched again
-- with it. Only words of datasets that were public are added, so nothing private is ever
-- suggested; a word stays once it has been public (a correction never reveals more than a page
-- once showed). Words are accent-folded in `term` and kept as first written in `word`.
CREATE TABLE catalog.search_terms (
  term text PRIMARY KEY,
  word text NOT NULL
);
CREATE INDEX search_terms_trigram ON catalog.search_terms USING gin (term gin_trgm_ops);

INSERT INTO catalog.search_terms (term, word)
SELECT DISTINCT ON (quai_fold(w)) quai_fold(w), lower(w)
FROM catalog.datasets d,
  regexp_split_to_table(
    concat_ws(' ', d.title_fr, d.title_en, array_to_string(d.tags || d.keywords_en, ' ')),
    '[^0-9A-Za-zÀ-ÖØ-öø-ÿŒœ]+'
  ) AS w
WHERE d.state = 'active' AND NOT d.private AND length(w) BETWEEN 3 AND 40
ON CONFLICT (term) DO NOTHING;
