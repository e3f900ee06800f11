// Who mediates, or offers to mediate, with a party (matched on its name): one row per mediator and party, with how many statements say so, their first and last date, and the latest sentence and its modality.
// param: party optional, e.g. Iran
// the party first, then its MEDIATES relationships: filtering every MEDIATES relationship
// by its party's name reads them all (100k articles: p50 35 -> 12 ms)
MATCH (p:State|Official|Person|Organization|Resolution|Proposal) WHERE toLower(p.name) CONTAINS toLower($party)
MATCH (m)-[r:MEDIATES]->(p)
WITH m, p, r, coalesce(r.ref_date, r.report_date) AS date
WITH m, p, count(r) AS statements, min(date) AS first, max(date) AS last, collect([coalesce(date, ''), r]) AS dated
// the latest statement: of those on the last date, the greatest statement IRI (as the RDF stores pick)
WITH m, p, statements, first, last, [x IN dated WHERE x[0] = coalesce(last, '') | x[1]] AS atLast
WITH m, p, statements, first, last,
     reduce(best = head(atLast), x IN tail(atLast) | CASE WHEN x.statement > best.statement THEN x ELSE best END) AS latest
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN m.name AS mediator, p.name AS party, statements, first, last, latest.modality AS modality,
       latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY mediator, party
