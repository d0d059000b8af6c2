// place_hierarchy: each place, its kind (City, District, Street …) and the place it lies in.
MATCH (pl:Place)-[:LOCATED_IN]->(up:Entity)
RETURN DISTINCT pl.name AS place, pl.subtype AS place_type, up.name AS parent
ORDER BY parent, place
