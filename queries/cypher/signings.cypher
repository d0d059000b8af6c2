// signings: organisations that signed agreements with each other (each pair once, org1 < org2).
MATCH (a:Entity)-[:SIGNS_WITH]-(b:Entity)
WHERE a.name < b.name
RETURN DISTINCT a.name AS org1, b.name AS org2
ORDER BY org1, org2
