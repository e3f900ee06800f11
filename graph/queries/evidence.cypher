// The evidence behind an edge: every sentence, with article and character offsets, that states a relation between two named ends.
// param: relation PROPOSED
// param: source Russia
// param: target double freeze
MATCH (s)-[r]->(o)
WHERE type(r) = $relation AND toLower(s.name) CONTAINS toLower($source) AND toLower(o.name) CONTAINS toLower($target)
RETURN DISTINCT r.sentence AS sentence, 'https://w3id.org/sanctions-kg/id/article/' + r.article AS article,
       r.char_start AS start, r.char_end AS end, r.modality AS modality, coalesce(r.ref_date, r.report_date) AS date
ORDER BY article, start
