// Resolutions concerning a state (by ISO alpha-3), each once, and who adopted, proposed, supported or opposed them: one row per actor and position, with how many statements say so and the last date.
// param: iso3 required, e.g. PRK
MATCH (state:State {iso3: $iso3})
MATCH (r:Resolution)
WHERE (r)-[:SANCTIONS|CALLS_ON]->(state) OR (state)-[:VIOLATES|SUPPORTS|OPPOSES]->(r)
CALL (r) {
  RETURN null AS actor, null AS position, null AS statements, null AS last
  UNION ALL
  MATCH (a)-[x:ADOPTED|PROPOSED|SUPPORTS|OPPOSES]->(r)
  WITH a, type(x) AS position, x, coalesce(x.ref_date, x.report_date) AS date
  RETURN a.name AS actor, position, count(x) AS statements, max(date) AS last
}
RETURN r.name AS resolution, actor, position, statements, last
ORDER BY resolution, position, actor
