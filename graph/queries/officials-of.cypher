// A state's officials (by ISO alpha-3) and whom they consulted.
// param: iso3 RUS
MATCH (o)-[:OFFICIAL_OF]->(:State {iso3: $iso3})
OPTIONAL MATCH (o)-[:CONSULTS]-(c)
RETURN DISTINCT o.name AS official, o.role AS role, c.name AS consulted
ORDER BY official, consulted
