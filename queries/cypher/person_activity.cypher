// person_activity: everything one person did (every fact with the person as subject), one row per
// supporting article. Param `person`: the person's name or one of its aliases, e.g. 李明华.
MATCH (p:Person)-[r]->(o:Entity)
WHERE p.name = $person OR $person IN coalesce(p.aliases, [])
UNWIND r.articles AS a
RETURN DISTINCT r.predicate AS predicate, o.name AS object, a AS article
ORDER BY article, predicate, object
