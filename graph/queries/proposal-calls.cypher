// Whom a proposal (matched on its name) calls on: one row per party called on, with how many statements say so, their first and last date, the latest sentence, and how many proposed the plan.
// param: proposal double freeze
MATCH (p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
OPTIONAL MATCH (by)-[:PROPOSED]->(p)
WITH p, count(DISTINCT by) AS proposers
MATCH (p)-[r:CALLS_ON]->(t)
WITH p, proposers, t, r, coalesce(r.ref_date, r.report_date) AS date
ORDER BY coalesce(date, '') DESC, r.statement DESC
WITH p, proposers, t, count(r) AS statements, min(date) AS first, max(date) AS last, head(collect(r)) AS latest
RETURN p.name AS proposal, proposers, t.name AS calledOn, statements, first, last, latest.sentence AS sentence
ORDER BY proposal, calledOn
