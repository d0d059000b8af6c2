// projects_by_place: the projects each place or organisation hosts, with their total investment
// (sum of each project's investment_cny in yuan; 0 when no amount was reported).
MATCH (h:Entity)-[:HOSTS]->(pr:Project)
WITH DISTINCT h, pr
WITH h, count(pr) AS projects, sum(coalesce(pr.investment_cny, 0.0)) AS total
RETURN h.name AS host, projects, total AS total_investment_cny
ORDER BY total_investment_cny DESC, host
