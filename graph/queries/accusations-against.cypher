// Who accused or threatened a state (by name, alias or ISO code: Iran, DPRK, prk): one row per accuser and relation, with how many statements say so, their first and last date, and the latest sentence.
// param: iso3 required, e.g. PRK
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (w)-[r:ACCUSES|THREATENS]->(t:State {iso3: $iso3})
WITH w, type(r) AS relation, r
SUMMARISE r BY w, relation
WITH * WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, relation, statements, first, last, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY last, who
