// Resolutions concerning a state (by ISO alpha-3) and who adopted, proposed, supported, opposed or vetoed them.
// param: iso3 PRK
MATCH (state:State {iso3: $iso3})
MATCH (r:Resolution)
WHERE (r)-[:SANCTIONS|CALLS_ON]->(state) OR (state)-[:VIOLATES|SUPPORTS|OPPOSES]->(r)
OPTIONAL MATCH (a)-[x:ADOPTED|PROPOSED|SUPPORTS|OPPOSES]->(r)
RETURN DISTINCT r.name AS resolution, a.name AS actor, CASE WHEN x IS NULL THEN null ELSE type(x) END AS position
ORDER BY resolution, position, actor
