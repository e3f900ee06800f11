// The fact summary in Cypher, written once: the RDF stores keep it in the facts graph
// (graph/facts.py, the same rule); Neo4j keeps one too (a FACT relationship, which
// resolutions-on reads), and the questions below work it out at query time. A question's
// `SUMMARISE r BY k1, k2` line becomes these lines, over the statements `r` grouped by
// the keys: how many, first and last date (reference date, else report date), and the
// latest statement: of those on the last date, the greatest statement IRI. `{date}` is
// the first of a statement's temporal properties it has and `{key}` the property holding
// its IRI, both as the model declares them (graph/catalogue.py writes them in).
WITH {keys}, count({r}) AS statements, min({date}) AS first,
     max({date}) AS last, collect([coalesce({date}, ''), {r}]) AS dated
WITH {keys}, statements, first, last, [x IN dated WHERE x[0] = coalesce(last, '') | x[1]] AS atLast
WITH {keys}, statements, first, last,
     reduce(best = head(atLast), x IN tail(atLast) | CASE WHEN x.{key} > best.{key} THEN x ELSE best END) AS latest
