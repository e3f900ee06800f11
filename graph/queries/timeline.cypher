// A dated timeline of everything involving a state (by name, alias or ISO code: Iran, DPRK, prk): one row per relation it is an end of, with how many statements say so, their first and last date, and the latest sentence.
// param: iso3 required, e.g. IRN
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (state:State {iso3: $iso3})-[r]-(x)
WHERE NOT type(r) IN ['MENTIONS', 'FACT'] AND NOT x:Sanction  // statements, not their summaries
WITH DISTINCT r
WITH startNode(r) AS s, type(r) AS relation, endNode(r) AS o, r
SUMMARISE r BY s, relation, o
WITH * WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN first, last, relation, s.name AS subject, o.name AS object, statements, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY first, last, relation, subject, object
