// expo_exhibitors: who exhibits at each expo; `count` is the number of exhibitors the exhibitor
// stands for when the article gives one (e.g. 12 enterprises from a district), else empty.
MATCH (x:Entity)-[r:EXHIBITS_AT]->(e:Entity)
RETURN DISTINCT e.name AS expo, x.name AS exhibitor, r.count AS count
ORDER BY expo, exhibitor
