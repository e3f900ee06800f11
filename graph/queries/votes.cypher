// How each state, official or organisation took a position on a resolution or draft (matched on its name): one row per resolution, actor and position (voted_for, voted_against, vetoed, abstained, sponsored), with how many statements say so and their first and last date; `evidence` gives the sentences.
// param: resolution optional, e.g. S/2022/155
// param: position optional, e.g. vetoed
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
MATCH (r:Resolution) WHERE toLower(r.name) CONTAINS toLower($resolution)
MATCH (a)-[x]->(r)
WHERE x.position IS NOT NULL AND ($position = '' OR x.position = $position)
WITH r, a, x.position AS position, coalesce(x.ref_date, x.report_date) AS date
WHERE ($since = '' OR date >= $since) AND ($until = '' OR date <= $until)  // statements dated in the window
RETURN r.name AS resolution, a.name AS actor, position, count(*) AS statements, min(date) AS first, max(date) AS last
ORDER BY resolution, position, actor
