// Who proposed a proposal (matched on its name): one row per proposer, with how many statements say so, their first and last date, and the latest sentence.
// param: proposal optional, e.g. double freeze
MATCH (w)-[r:PROPOSED]->(p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
WITH w, p, r, coalesce(r.ref_date, r.report_date) AS date
WITH w, p, count(r) AS statements, min(date) AS first, max(date) AS last, collect([coalesce(date, ''), r]) AS dated
// the latest statement: of those on the last date, the greatest statement IRI (as the RDF stores pick)
WITH w, p, statements, first, last, [x IN dated WHERE x[0] = coalesce(last, '') | x[1]] AS atLast
WITH w, p, statements, first, last,
     reduce(best = head(atLast), x IN tail(atLast) | CASE WHEN x.statement > best.statement THEN x ELSE best END) AS latest
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, labels(w)[0] AS whoType, p.name AS proposal, statements, first, last,
       latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY who
