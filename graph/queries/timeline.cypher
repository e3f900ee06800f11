// A dated timeline of everything involving a state (by ISO alpha-3): one row per relation it is an end of, with how many statements say so, their first and last date, and the latest sentence.
// param: iso3 required, e.g. IRN
MATCH (state:State {iso3: $iso3})-[r]-(x)
WHERE type(r) <> 'MENTIONS' AND NOT x:Sanction
WITH DISTINCT r
WITH startNode(r) AS s, type(r) AS relation, endNode(r) AS o, r
SUMMARISE r BY s, relation, o
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN first, last, relation, s.name AS subject, o.name AS object, statements, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY first, last, relation, subject, object
