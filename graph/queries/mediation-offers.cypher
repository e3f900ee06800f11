// Mediation offers: who mediates or offers to mediate, between whom.
MATCH (m)-[r:MEDIATES]->(p)
RETURN DISTINCT m.name AS mediator, p.name AS party, r.modality AS modality,
       coalesce(r.ref_date, r.report_date) AS date, r.sentence AS sentence
ORDER BY mediator, party
