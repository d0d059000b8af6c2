// person_posts: people and the posts they held, with the date of the article that says so.
MATCH (p:Entity)-[r:HOLDS_POSITION]->(ps:Entity)
RETURN DISTINCT p.name AS person, ps.name AS post, r.date AS date
ORDER BY person, date, post
