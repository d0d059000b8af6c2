// multi_source_facts: facts supported by more than one article; `articles` counts them.
// Walk to the sources with: MATCH (a:Article) WHERE a.id IN r.articles
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.article_count > 1
RETURN s.name AS subject, r.predicate AS predicate, o.name AS object, r.article_count AS articles
ORDER BY articles DESC, subject, predicate, object
