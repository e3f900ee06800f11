// Who proposed a proposal (matched on its name) and whom it calls on, with the sentence.
// param: proposal double freeze
MATCH (by)-[:PROPOSED]->(p:Proposal)-[r:CALLS_ON]->(t)
WHERE toLower(p.name) CONTAINS toLower($proposal)
RETURN DISTINCT p.name AS proposal, by.name AS proposer, t.name AS calledOn, r.sentence AS sentence
ORDER BY proposer, calledOn
