// What an actor (a state, official or organisation, matched on its name) did: one row per relation and counterpart (what Russia proposed, opposed, vetoed, sanctioned, accused, met), with how many statements say so, their first and last date, and the latest sentence.
// param: actor required, e.g. Russia
// param: relation optional, e.g. PROPOSED
// param: since optional, e.g. 2024-01-01
// param: until optional, e.g. 2024-12-31
// the actor first, then its own relationships (a named node's outgoing ones are the
// model's relations: MENTIONS leave articles, AUTHORITY and TARGET leave measures)
MATCH (w:State|Official|Person|Organization|Resolution|Proposal) WHERE toLower(w.name) CONTAINS toLower($actor)
MATCH (w)-[r]->(c)
WHERE ($relation = '' OR type(r) = $relation) AND type(r) <> 'FACT'  // statements, not their summaries
WITH w, type(r) AS relation, c, r
SUMMARISE r BY w, relation, c
WITH * WHERE ($since = '' OR last >= $since) AND ($until = '' OR first <= $until)  // facts dated in the window
OPTIONAL MATCH (art:Article {id: latest.article})
RETURN w.name AS who, relation, c.name AS counterpart, statements, first, last, latest.sentence AS sentence,
       art.title AS title, art.source AS source, art.published AS published
ORDER BY who, relation, counterpart
