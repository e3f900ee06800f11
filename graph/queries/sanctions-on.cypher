// Who sanctions a state (by ISO alpha-3), with the measure and the evidence sentence.
// param: iso3 PRK
MATCH (a)-[r:SANCTIONS]->(t:State {iso3: $iso3})
OPTIONAL MATCH (m:Sanction {iri: r.measure})
RETURN DISTINCT a.name AS authority, m.kind AS kind, m.commodity AS commodity, m.quantity AS quantity,
       m.unit AS unit, coalesce(r.ref_date, r.report_date) AS date, r.sentence AS sentence
ORDER BY date, authority
