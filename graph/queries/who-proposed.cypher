// Who proposed a proposal (matched on its name): one row per proposer, with how many statements say so, their first and last date, and the latest sentence.
// param: proposal double freeze
MATCH (w)-[r:PROPOSED]->(p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
WITH w, p, r, coalesce(r.ref_date, r.report_date) AS date
ORDER BY coalesce(date, '') DESC, r.statement DESC
WITH w, p, count(r) AS statements, min(date) AS first, max(date) AS last, head(collect(r)) AS latest
RETURN w.name AS who, labels(w)[0] AS whoType, p.name AS proposal, statements, first, last,
       latest.sentence AS sentence, 'https://w3id.org/sanctions-kg/id/article/' + latest.article AS article
ORDER BY who
