// The evidence behind an edge: every sentence that states a relation between two named ends, with the relation, both ends, how a vote was cast (position: voted_for, voted_against, vetoed, abstained, sponsored), its article (id, title, source, date) and character offsets.
// param: relation required, e.g. PROPOSED
// param: source optional, e.g. Russia
// param: target optional, e.g. double freeze
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
// the two ends first (named nodes only, as in the RDF stores' node graph), then the
// relationships between them. Collecting the sources makes Neo4j look the relationships up
// between the two ends (Expand Into), where it would otherwise read every relationship of
// the source and its properties before filtering on the target (100k articles: p50 69 ->
// 21 ms)
MATCH (s:State|Official|Person|Organization|Resolution|Proposal) WHERE toLower(s.name) CONTAINS toLower($source)
WITH collect(s) AS sources
MATCH (o:State|Official|Person|Organization|Resolution|Proposal) WHERE toLower(o.name) CONTAINS toLower($target)
UNWIND sources AS s
MATCH (s)-[r]->(o)
WITH s, o, r, coalesce(r.ref_date, r.report_date) AS date
WHERE ($relation = '' OR type(r) = $relation)
  AND ($since = '' OR date >= $since) AND ($until = '' OR date <= $until)  // statements dated in the window
OPTIONAL MATCH (art:Article {id: r.article})
RETURN DISTINCT type(r) AS relation, s.name AS subject, o.name AS object, r.sentence AS sentence, r.article AS article, art.title AS title, art.source AS source,
       art.published AS published,
       r.char_start AS start, r.char_end AS end, r.modality AS modality, r.position AS position, date
ORDER BY article, start
