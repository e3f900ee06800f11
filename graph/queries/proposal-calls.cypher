// Whom a proposal (matched on its name) calls on: one row per party called on, with how many statements say so, their first and last date, the latest sentence, and how many proposed the plan.
// param: proposal optional, e.g. double freeze
MATCH (p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
OPTIONAL MATCH (by)-[:PROPOSED]->(p)
WITH p, count(DISTINCT by) AS proposers
MATCH (p)-[r:CALLS_ON]->(t)
WITH p, proposers, t, r, coalesce(r.ref_date, r.report_date) AS date
WITH p, proposers, t, count(r) AS statements, min(date) AS first, max(date) AS last, collect([coalesce(date, ''), r]) AS dated
// the latest statement: of those on the last date, the greatest statement IRI (as the RDF stores pick)
WITH p, proposers, t, statements, first, last, [x IN dated WHERE x[0] = coalesce(last, '') | x[1]] AS atLast
WITH p, proposers, t, statements, first, last,
     reduce(best = head(atLast), x IN tail(atLast) | CASE WHEN x.statement > best.statement THEN x ELSE best END) AS latest
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN p.name AS proposal, proposers, t.name AS calledOn, statements, first, last, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY proposal, calledOn
