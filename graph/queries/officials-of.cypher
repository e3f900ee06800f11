// A state's officials (by ISO alpha-3): their role, how many statements name them as its official, and how many parties they consulted (`contacts` names them).
// param: iso3 required, e.g. RUS
MATCH (o)-[r:OFFICIAL_OF]->(:State {iso3: $iso3})
WITH o, count(r) AS statements
OPTIONAL MATCH (o)-[:CONSULTS]-(c)
RETURN o.name AS official, o.role AS role, statements, count(DISTINCT c) AS partners
ORDER BY official
