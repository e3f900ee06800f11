// Who proposed a proposal (matched on its name): one row per proposer, with how many statements say so, their first and last date, and the latest sentence.
// param: proposal optional, e.g. double freeze
MATCH (w)-[r:PROPOSED]->(p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
WITH w, p, r
SUMMARISE r BY w, p
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, labels(w)[0] AS whoType, p.name AS proposal, statements, first, last,
       latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY who
