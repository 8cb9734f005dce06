-- A 1,000,000-article search archive from a kept 100,000-article one, in
-- minutes instead of the hours `bench/search.py --count 1000000` spends
-- importing through `khabar import-jsonl` on a small machine.
--
-- Nine copies of every article and search document, each copy with a new
-- id, a new `bench-N` id (N + 100,000 × copy) and a new publication time
-- drawn like bench/search.py draws them (uniform over the five years
-- before now); text, sections, authors, tags and tsvectors are the
-- originals', and the ranking's statistics are multiplied by ten. The
-- copies are written oldest first, as `khabar reindex`
-- writes documents, and the GIN index is built again once the rows are in
-- (timed).
--
--   createdb -T khabar_bench_search_100000 khabar_bench_search_1000000
--   psql -d khabar_bench_search_1000000 -f bench/search_copies.sql
--   .venv/bin/python bench/search.py --postgres URL --count 1000000 --reuse
\timing on
SET maintenance_work_mem = '1GB';

CREATE TEMP TABLE copies AS
SELECT a.id AS source, a.id + 200000 * c.n AS id, c.n AS copy,
       date_trunc('second', now() - random() * interval '1825 days'
                 - interval '5 minutes') AS published_at
FROM newsroom_article a CROSS JOIN generate_series(1, 9) AS c(n);

-- Every other column as the original's, whatever columns the article has.
DO $$
DECLARE
    kept text;
BEGIN
    SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
    INTO kept FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'newsroom_article'
      AND column_name NOT IN ('id', 'first_published_at', 'last_published_at',
                              'view_count', 'external_id');
    EXECUTE format(
        'INSERT INTO newsroom_article (id, first_published_at, last_published_at, '
        'view_count, external_id, %s) SELECT c.id, c.published_at, c.published_at, 0, '
        '%L || (substr(a.external_id, 7)::bigint + 100000 * c.copy), %s '
        'FROM copies c JOIN newsroom_article a ON a.id = c.source',
        kept, 'bench-',
        (SELECT string_agg('a.' || x, ', ') FROM unnest(string_to_array(kept, ', ')) x));
END $$;

INSERT INTO newsroom_articleauthor (sort_order, article_id, author_id)
SELECT x.sort_order, c.id, x.author_id
FROM copies c JOIN newsroom_articleauthor x ON x.article_id = c.source;

INSERT INTO newsroom_article_tags (article_id, tag_id)
SELECT c.id, x.tag_id FROM copies c JOIN newsroom_article_tags x ON x.article_id = c.source;

DROP INDEX search_words_vector;

INSERT INTO search_searchdocument (
    article_id, key, section_id, published, expires, source_updated_at,
    title_exact, title_stems, title_variants, summary_exact, summary_stems,
    summary_variants, title_bases, summary_bases, title_length,
    summary_length, body_length)
SELECT c.id,
       (extract(epoch FROM c.published_at)::bigint << 20) | (c.id & 1048575),
       d.section_id, extract(epoch FROM c.published_at)::bigint, d.expires,
       d.source_updated_at, d.title_exact, d.title_stems, d.title_variants,
       d.summary_exact, d.summary_stems, d.summary_variants, d.title_bases,
       d.summary_bases, d.title_length, d.summary_length, d.body_length
FROM copies c JOIN search_searchdocument d ON d.article_id = c.source
ORDER BY c.published_at, c.id;

INSERT INTO search_searchwords (article_id, published, section_id, expires, vector)
SELECT c.id, extract(epoch FROM c.published_at)::bigint, w.section_id,
       w.expires, w.vector
FROM copies c JOIN search_searchwords w ON w.article_id = c.source
ORDER BY c.published_at, c.id;

-- Ten documents now stand for each one: ten times every count and total
-- of the ranking's statistics (documents, stems, field lengths).
UPDATE search_searchstatistic SET value = value * 10;

-- As migration 0009_narrow_words creates it.
CREATE INDEX search_words_vector ON search_searchwords
    USING GIN (vector, (published / 86400), (section_id + 0));

SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT max(id) FROM newsroom_article))
FROM (VALUES ('newsroom_article')) AS v(t);
SELECT setval(pg_get_serial_sequence('newsroom_articleauthor', 'id'),
              (SELECT max(id) FROM newsroom_articleauthor));
SELECT setval(pg_get_serial_sequence('newsroom_article_tags', 'id'),
              (SELECT max(id) FROM newsroom_article_tags));
VACUUM ANALYZE newsroom_article;
VACUUM ANALYZE search_searchdocument;
VACUUM ANALYZE search_searchwords;
SELECT pg_size_pretty(pg_total_relation_size('search_searchdocument')
                      + pg_total_relation_size('search_searchwords')) AS index_size,
       (SELECT count(*) FROM search_searchwords) AS documents;
