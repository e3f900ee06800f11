// A state's officials (by name, alias or ISO code: Iran, DPRK, prk): their role, how many statements name them as its official, and how many parties they consulted (`contacts` names them).
// param: iso3 required, e.g. RUS
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (o)-[r:OFFICIAL_OF]->(:State {iso3: $iso3})
WITH o, count(r) AS statements, min(coalesce(r.ref_date, r.report_date)) AS first,
     max(coalesce(r.ref_date, r.report_date)) AS last
WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (o)-[:CONSULTS]-(c)
RETURN o.name AS official, o.role AS role, statements, count(DISTINCT c) AS partners
ORDER BY official
