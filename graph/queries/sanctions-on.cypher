// Who sanctions a state (by ISO alpha-3): one row per authority, with how many statements say so, their first and last date, and the latest sentence and its measure.
// param: iso3 PRK
MATCH (a)-[r:SANCTIONS]->(t:State {iso3: $iso3})
WITH a, r, coalesce(r.ref_date, r.report_date) AS date
ORDER BY coalesce(date, '') DESC, r.statement DESC
WITH a, count(r) AS statements, min(date) AS first, max(date) AS last, head(collect(r)) AS latest
OPTIONAL MATCH (m:Sanction {iri: latest.measure})
RETURN a.name AS authority, statements, first, last, m.kind AS kind, m.commodity AS commodity,
       m.quantity AS quantity, m.unit AS unit, latest.sentence AS sentence
ORDER BY last, authority
