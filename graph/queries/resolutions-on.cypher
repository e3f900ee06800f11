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
  // each position's fact summary (the writer keeps one FACT per relation between two
  // nodes, as the RDF stores' facts graph), not every statement: 3,633 summaries for
  // Sudan at 100k articles where the statements were 100,493 relationships
  MATCH (a)-[f:FACT]->(r)
  WHERE f.relation_type IN ['ADOPTED', 'PROPOSED', 'SUPPORTS', 'OPPOSES']
    AND ($since = '' OR f.last_date >= $since) AND ($until = '' OR f.first_date <= $until)  // positions dated in the window
  RETURN a.name AS actor, f.relation_type AS position, f.statement_count AS statements, f.last_date AS last
}
RETURN r.name AS resolution, actor, position, statements, last
ORDER BY resolution, position, actor
