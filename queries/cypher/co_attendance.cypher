// co_attendance: pairs of officials at the same events. An event is shared when both people
// preside over, attend or witness it; each pair once (person1 < person2).
MATCH (p1:Person)-[:PRESIDES|ATTENDS|WITNESSES]->(e:Entity)<-[:PRESIDES|ATTENDS|WITNESSES]-(p2:Person)
WHERE p1.name < p2.name
WITH p1.name AS person1, p2.name AS person2, count(DISTINCT e) AS shared_events
RETURN person1, person2, shared_events
ORDER BY shared_events DESC, person1, person2
