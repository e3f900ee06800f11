// Who accused or threatened a state (by ISO alpha-3): one row per accuser and relation, with how many statements say so, their first and last date, and the latest sentence.
// param: iso3 required, e.g. PRK
MATCH (w)-[r:ACCUSES|THREATENS]->(t:State {iso3: $iso3})
WITH w, type(r) AS relation, r, coalesce(r.ref_date, r.report_date) AS date
WITH w, relation, count(r) AS statements, min(date) AS first, max(date) AS last, collect([coalesce(date, ''), r]) AS dated
// the latest statement: of those on the last date, the greatest statement IRI (as the RDF stores pick)
WITH w, relation, statements, first, last, [x IN dated WHERE x[0] = coalesce(last, '') | x[1]] AS atLast
WITH w, relation, statements, first, last,
     reduce(best = head(atLast), x IN tail(atLast) | CASE WHEN x.statement > best.statement THEN x ELSE best END) AS latest
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, relation, statements, first, last, latest.sentence AS sentence, art.title AS title, art.source AS source, art.published AS published
ORDER BY last, who
