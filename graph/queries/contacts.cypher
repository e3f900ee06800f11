// Whom a state, official or organisation (matched on its name) consulted, either way round: one row per pair, with how many statements say so, their first and last date, and the latest sentence.
// param: actor optional, e.g. Putin
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
// the actor first, then its CONSULTS relationships, not every CONSULTS relationship
// filtered by name (100k articles: p50 21 -> 11 ms)
MATCH (w:State|Official|Person|Organization|Resolution|Proposal) WHERE toLower(w.name) CONTAINS toLower($actor)
MATCH (w)-[r:CONSULTS]-(c)
WITH w, c, r, startNode(r) AS s
SUMMARISE r BY w, c, s
WITH * WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, c.name AS partner, statements, first, last, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY who, partner, last
