// Who sanctions a state (by ISO alpha-3): one row per authority, with how many statements say so, their first and last date, and the latest sentence and its measure.
// param: iso3 required, e.g. PRK
MATCH (a)-[r:SANCTIONS]->(t:State {iso3: $iso3})
WITH a, r, coalesce(r.ref_date, r.report_date) AS date
WITH a, count(r) AS statements, min(date) AS first, max(date) AS last, collect([coalesce(date, ''), r]) AS dated
// the latest statement: of those on the last date, the greatest statement IRI (as the RDF stores pick)
WITH a, statements, first, last, [x IN dated WHERE x[0] = coalesce(last, '') | x[1]] AS atLast
WITH a, statements, first, last,
     reduce(best = head(atLast), x IN tail(atLast) | CASE WHEN x.statement > best.statement THEN x ELSE best END) AS latest
OPTIONAL MATCH (m:Sanction {iri: latest.measure})
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN a.name AS authority, statements, first, last, m.kind AS kind, m.commodity AS commodity,
       m.quantity AS quantity, m.unit AS unit, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY last, authority
