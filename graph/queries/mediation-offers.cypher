// Who mediates, or offers to mediate, with a party (matched on its name): one row per mediator and party, with how many statements say so, their first and last date, and the latest sentence and its modality.
// param: party Iran
MATCH (m)-[r:MEDIATES]->(p)
WHERE toLower(p.name) CONTAINS toLower($party)
WITH m, p, r, coalesce(r.ref_date, r.report_date) AS date
ORDER BY coalesce(date, '') DESC, r.statement DESC
WITH m, p, count(r) AS statements, min(date) AS first, max(date) AS last, head(collect(r)) AS latest
RETURN m.name AS mediator, p.name AS party, statements, first, last, latest.modality AS modality,
       latest.sentence AS sentence
ORDER BY mediator, party
