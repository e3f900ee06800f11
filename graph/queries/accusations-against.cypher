// Who accused or threatened a state (by ISO alpha-3): one row per accuser and relation, with how many statements say so, their first and last date, and the latest sentence.
// param: iso3 PRK
MATCH (w)-[r:ACCUSES|THREATENS]->(t:State {iso3: $iso3})
WITH w, type(r) AS relation, r, coalesce(r.ref_date, r.report_date) AS date
ORDER BY coalesce(date, '') DESC, r.statement DESC
WITH w, relation, count(r) AS statements, min(date) AS first, max(date) AS last, head(collect(r)) AS latest
RETURN w.name AS who, relation, statements, first, last, latest.sentence AS sentence
ORDER BY last, who
