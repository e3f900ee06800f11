// Resolutions concerning a state (by name, alias or ISO code: Iran, DPRK, prk), each once, and who adopted, proposed, supported or opposed them: one row per actor and position, with how many statements say so and the last date.
// param: iso3 required, e.g. PRK
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (state:State {iso3: $iso3})
MATCH (r:Resolution)
WHERE (r)-[:SANCTIONS|CALLS_ON]->(state) OR (state)-[:VIOLATES|SUPPORTS|OPPOSES]->(r)
CALL (r) {
  RETURN null AS actor, null AS position, null AS statements, null AS last
  UNION ALL
  MATCH (a)-[x:ADOPTED|PROPOSED|SUPPORTS|OPPOSES]->(r)
  WITH a, type(x) AS position, x, coalesce(x.ref_date, x.report_date) AS date
  WITH a, position, count(x) AS statements, min(date) AS first, max(date) AS last
  WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // positions dated in the window
  RETURN a.name AS actor, position, statements, last
}
RETURN r.name AS resolution, actor, position, statements, last
ORDER BY resolution, position, actor
