// events_by_organizer: who organised which events, and where they were held (empty if unknown).
MATCH (org:Entity)-[:ORGANIZES]->(e:Entity)
OPTIONAL MATCH (e)-[:HELD_IN]->(pl:Entity)
RETURN DISTINCT org.name AS organizer, e.name AS event, pl.name AS place
ORDER BY organizer, event, place
