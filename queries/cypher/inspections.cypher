// inspections: who inspected which site, enterprise or project.
MATCH (p:Person)-[:INSPECTS]->(s:Entity)
RETURN DISTINCT p.name AS person, s.name AS site
ORDER BY person, site
