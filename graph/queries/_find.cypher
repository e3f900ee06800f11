// Any node by name, as _find.rq asks it of the RDF stores: its label containing $name
// (any case), its key or IRI being $name, or its ISO code being $code; its statements are
// the relationships that carry one (`statement`), a measure's those that impose it.
MATCH (n:State|Official|Person|Organization|Resolution|Proposal|Sanction)
WITH n, split(n.iri, '/id/')[1] AS key
WHERE toLower(n.name) CONTAINS toLower($name) OR ($code <> '' AND n.iso3 = $code)
      OR n.iri = $name OR toLower(key) = toLower($name)
OPTIONAL MATCH (n)-[r]-() WHERE r.statement IS NOT NULL
WITH n, key, collect(DISTINCT r.statement) AS stated
OPTIONAL MATCH (n)-[:AUTHORITY]->()-[m]->()<-[:TARGET]-(n) WHERE m.measure = n.iri
WITH n, key, stated, collect(DISTINCT m.statement) AS imposing
RETURN labels(n)[0] AS type, n.name AS name, key, n.iri AS iri, size(stated) + size(imposing) AS statements
ORDER BY type, name, key
