"""The model is defined once; every generated artefact must agree with it."""
from importlib import resources

from rdflib import Graph
from rdflib.compare import isomorphic

from sanctions_kg.schema import load_model
from sanctions_kg.schema.generate import artefacts

GENERATED = resources.files("sanctions_kg.schema.generated")


def test_committed_artefacts_match_a_fresh_generation():
    fresh = artefacts()
    for name in ("vocab.ttl", "shapes.ttl"):
        committed = Graph().parse(data=GENERATED.joinpath(name).read_text("utf-8"), format="turtle")
        regenerated = Graph().parse(data=fresh[name], format="turtle")
        assert isomorphic(committed, regenerated), f"{name} is stale: run `skg schema generate`"
    for name in ("neo4j.cypher", "types.py"):
        assert GENERATED.joinpath(name).read_text("utf-8") == fresh[name], f"{name} is stale"


def test_python_enums_are_the_model():
    from sanctions_kg.schema.generated.types import RELATION_ENDS, Modality, NodeType, RelationType

    model = load_model()
    assert [t.value for t in NodeType] == list(model.node_types)
    assert [r.value for r in RelationType] == list(model.relation_types)
    assert len(model.relation_types) == 13
    assert {m.value for m in Modality} == {"asserted", "offered", "threatened", "hedged"}
    for name, rel in model.relation_types.items():
        assert RELATION_ENDS[name] == (rel.sources, rel.targets)


def test_vocabulary_declares_every_relation_with_its_ends():
    model = load_model()
    g = Graph().parse(data=artefacts()["vocab.ttl"], format="turtle")
    for rel in model.relation_types.values():
        pred = f"{model.vocab}{rel.predicate}"
        assert any(str(s) == pred for s in g.subjects()), rel.name
    assert "CONSULTS" in {r.name for r in model.relation_types.values() if r.symmetric}


def test_neo4j_constraints_cover_every_node_type():
    cypher = artefacts()["neo4j.cypher"]
    for name in load_model().node_types:
        assert f"FOR (n:{name}) REQUIRE n.iri IS UNIQUE" in cypher
