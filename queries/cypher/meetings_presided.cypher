// meetings_presided: which meetings were presided over, by whom, and when.
// One row per PRESIDES fact; `date` is the event's date (ISO, '--MM-DD' when the year is unknown).
MATCH (p:Person)-[:PRESIDES]->(e:Entity)
RETURN DISTINCT p.name AS person, e.name AS event, e.date AS date
ORDER BY date, event, person
