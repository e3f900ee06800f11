// Whom a proposal (matched on its name) calls on: one row per party called on, with how many statements say so, their first and last date, the latest sentence, and how many proposed the plan.
// param: proposal optional, e.g. double freeze
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
OPTIONAL MATCH (by)-[:PROPOSED]->(p)
WITH p, count(DISTINCT by) AS proposers
MATCH (p)-[r:CALLS_ON]->(t)
WITH p, proposers, t, r
SUMMARISE r BY p, proposers, t
WITH * WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN p.name AS proposal, proposers, t.name AS calledOn, statements, first, last, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY proposal, calledOn
