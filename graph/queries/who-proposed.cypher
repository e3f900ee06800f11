// Who proposed a proposal (matched on its name), with the sentence that says so.
// param: proposal double freeze
MATCH (w)-[r:PROPOSED]->(p:Proposal)
WHERE toLower(p.name) CONTAINS toLower($proposal)
RETURN DISTINCT w.name AS who, labels(w)[0] AS whoType, p.name AS proposal, r.sentence AS sentence,
       'https://w3id.org/sanctions-kg/id/article/' + r.article AS article
ORDER BY who
