// Who accused or threatened a state (by ISO alpha-3): one row per accuser and relation, with how many statements say so, their first and last date, and the latest sentence.
// param: iso3 required, e.g. PRK
MATCH (w)-[r:ACCUSES|THREATENS]->(t:State {iso3: $iso3})
WITH w, type(r) AS relation, r
SUMMARISE r BY w, relation
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, relation, statements, first, last, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY last, who
