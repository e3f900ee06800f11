// The evidence behind an edge: every sentence, with article and character offsets, that states a relation between two named ends.
// param: relation PROPOSED
// param: source Russia
// param: target double freeze
// the two ends first, then the relationships between them: matching (s)-[r]->(o) first
// expands every relationship of every node (100k articles: 60-180 ms; this way 60-100 ms)
MATCH (s) WHERE toLower(s.name) CONTAINS toLower($source)
MATCH (o) WHERE toLower(o.name) CONTAINS toLower($target)
MATCH (s)-[r]->(o)
WHERE type(r) = $relation
RETURN DISTINCT r.sentence AS sentence, 'https://w3id.org/sanctions-kg/id/article/' + r.article AS article,
       r.char_start AS start, r.char_end AS end, r.modality AS modality, coalesce(r.ref_date, r.report_date) AS date
ORDER BY article, start
