// post_holders: who held a given title, as a timeline. Param `title`: the bare title, e.g. 市长.
MATCH (p:Entity)-[r:HOLDS_POSITION]->(ps:Entity)
WHERE ps.title = $title
RETURN DISTINCT ps.name AS post, p.name AS person, r.date AS date
ORDER BY date, post, person
