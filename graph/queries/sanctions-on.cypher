// Who sanctions a state (by name, alias or ISO code: Iran, DPRK, prk): one row per authority, with how many statements say so, their first and last date, and the latest sentence and its measure.
// param: iso3 required, e.g. PRK
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (a)-[r:SANCTIONS]->(t:State {iso3: $iso3})
WITH a, r
SUMMARISE r BY a
WITH * WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (m:Sanction {iri: latest.measure})
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN a.name AS authority, statements, first, last, m.kind AS kind, m.commodity AS commodity,
       m.quantity AS quantity, m.unit AS unit, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY last, authority
