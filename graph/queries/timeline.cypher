// A dated timeline of everything involving a state (by ISO alpha-3): each relation it is an end of, with its date and sentence.
// param: iso3 IRN
MATCH (state:State {iso3: $iso3})
MATCH (s)-[r]->(o)
WHERE (s = state OR o = state) AND type(r) <> 'MENTIONS' AND NOT s:Sanction
RETURN DISTINCT coalesce(r.ref_date, r.report_date) AS date, type(r) AS relation, s.name AS subject, o.name AS object,
       r.sentence AS sentence
ORDER BY date, relation, subject, object
