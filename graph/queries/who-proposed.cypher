// Who proposed a proposal (matched on its name): one row per proposer, with how many statements say so, their first and last date, and the latest sentence.
// param: proposal optional, e.g. double freeze
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (w)-[r:PROPOSED]->(p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
WITH w, p, r
SUMMARISE r BY w, p
WITH * WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, labels(w)[0] AS whoType, p.name AS proposal, statements, first, last,
       latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY who
