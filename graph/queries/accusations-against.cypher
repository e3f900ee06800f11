// Who accused or threatened a state (by ISO alpha-3), over time.
// param: iso3 PRK
MATCH (w)-[r:ACCUSES|THREATENS]->(t:State {iso3: $iso3})
RETURN DISTINCT coalesce(r.ref_date, r.report_date) AS date, type(r) AS relation, w.name AS who, r.sentence AS sentence
ORDER BY date
