// Whom a state, official or organisation (matched on its name) consulted, either way round: one row per pair, with how many statements say so, their first and last date, and the latest sentence.
// param: actor Putin
MATCH (w)-[r:CONSULTS]-(c)
WHERE toLower(w.name) CONTAINS toLower($actor)
WITH w, c, r, startNode(r) AS s, coalesce(r.ref_date, r.report_date) AS date
ORDER BY coalesce(date, '') DESC, r.statement DESC
WITH w, c, s, count(r) AS statements, min(date) AS first, max(date) AS last, head(collect(r)) AS latest
RETURN w.name AS who, c.name AS partner, statements, first, last, latest.sentence AS sentence
ORDER BY who, partner, last
