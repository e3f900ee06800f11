// Whom a state, official or organisation (matched on its name) consulted, either way round: one row per pair, with how many statements say so, their first and last date, and the latest sentence.
// param: actor optional, e.g. Putin
// the actor first, then its CONSULTS relationships, not every CONSULTS relationship
// filtered by name (100k articles: p50 21 -> 11 ms)
MATCH (w:State|Official|Person|Organization|Resolution|Proposal) WHERE toLower(w.name) CONTAINS toLower($actor)
MATCH (w)-[r:CONSULTS]-(c)
WITH w, c, r, startNode(r) AS s, coalesce(r.ref_date, r.report_date) AS date
WITH w, c, s, count(r) AS statements, min(date) AS first, max(date) AS last, collect([coalesce(date, ''), r]) AS dated
// the latest statement: of those on the last date, the greatest statement IRI (as the RDF stores pick)
WITH w, c, s, statements, first, last, [x IN dated WHERE x[0] = coalesce(last, '') | x[1]] AS atLast
WITH w, c, s, statements, first, last,
     reduce(best = head(atLast), x IN tail(atLast) | CASE WHEN x.statement > best.statement THEN x ELSE best END) AS latest
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, c.name AS partner, statements, first, last, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY who, partner, last
