"""Constructions that state a relation without a trigger entry of their own:

- a harm and who caused it ("the crisis Moscow has precipitated": ACCUSES),
- a participle joined to an actor ("the U.S.-sponsored resolution": PROPOSED),
- a plan's owner ("China's peace plan": PROPOSED),
- what a body does by the resolution it adopts in the same sentence.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from .finders import Finding
from .referents import Arg
from .syntax import SUBJ, with_keys, with_words
from .triggers import NO_TRIGGER
from .types import Relation

def blamed_causes(f: Finding) -> Iterator[Relation]:
    """"the crisis Moscow has precipitated", "the violence that al-Shabaab unleashed":
    a harm and, in a relative clause, who caused it. Whoever speaks of it (the subject
    of the clause around it, else the issuer of a release) accuses the cause."""
    ev, ref = f.lex.evaluations, f.ref
    for tok in with_words(f.doc, frozenset(ev["blamed_outcomes"])):
        if tok.lemma_.lower() not in ev["blamed_outcomes"] or tok.pos_ != "NOUN":
            continue
        for clause in tok.children:
            if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() not in ev["causing_verbs"] \
                    or f.modality.negated(clause):
                continue
            causes = [a for c in clause.children if c.dep_ in SUBJ
                      for a in ref.resolve(c, allowed=f.lex.roles["agent"])]
            if not causes:
                continue
            # who says it: the reporting verb above ("the Secretary reiterated the U.S.
            # commitment to a solution to the crisis ..."), else the nearest verb's actor
            outer = next((a for a in tok.ancestors if a.lemma_.lower() in f.lex.reporting_verbs),
                         next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None))
            speakers = f.frames.agents(outer) if outer is not None else []
            if not speakers and ref.g.issuer and not ref.in_quote(tok):
                speakers = [Arg(ref.state(ref.g.issuer), tok)]
            caused = {c.entity.id for c in causes}
            yield from f.emitter.emit("ACCUSES", NO_TRIGGER, clause,
                                      [s for s in speakers if s.entity.id not in caused], causes)


def hyphenated(f: Finding) -> Iterator[Relation]:
    """"the U.S.-sponsored resolution", "a Qatari-drafted text": a participle joined to
    an entity names what that entity did to the noun it modifies."""
    lex, ref, doc = f.lex, f.ref, f.doc
    for tok in with_keys(doc, lambda word: "-" in word or word in lex.hyphenated):
        low = tok.lower_
        participle = next((w for w in lex.hyphenated if low.endswith("-" + w)), None) if "-" in low else None
        split = low in lex.hyphenated and tok.i >= 2 and doc[tok.i - 1].text == "-"
        if participle is None and not split:
            continue
        if split:  # "French", "-", "drafted"
            participle, prefix, owner = low, doc[tok.i - 2].text, tok.i - 2
        else:      # "U.S.-sponsored"
            prefix, owner = tok.text[:-len(participle) - 1], tok.i
        iso3 = lex.state_names.get(prefix) or lex.demonyms.get(prefix)
        agent = ref.tok2ent.get(owner) or (ref.state(iso3) if iso3 else None)
        if agent is None:
            continue
        targets = [a for a in ref.resolve(tok.head) if a.entity.id != agent.id]
        yield from f.emitter.emit(lex.hyphenated[participle], NO_TRIGGER, tok, [Arg(agent, tok)], targets)


def authored(f: Finding) -> Iterator[Relation]:
    """"China's peace plan", "the EU plan", "President Ramos's initiative", "Russia's
    rival draft", "the Maltese text": the owner of a plan or draft put it forward. Agreements and deals an actor owns are ones it is party
    to, so only the heads the lexicon lists as authored count."""
    lex, ref = f.lex, f.ref
    for tok in (f.doc[i] for i in sorted(ref.tok2ent)):  # only a named plan or draft is owned
        plan = ref.tok2ent.get(tok.i)
        if plan is None or tok.lemma_.lower() not in (lex.authored_heads if plan.type == "Proposal"
                                                      else lex.authored_drafts if plan.type == "Resolution" else ()):
            continue
        # a draft is named after its penholder, not after the body it goes to ("the
        # Council draft"), so only states and officials own drafts
        kinds = lex.roles["plan_owner"] if plan.type == "Proposal" else lex.roles["draft_owner"]
        owners = [a for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                  and (c.dep_ == "poss" or ref.tok2ent.get(c.i) not in (None, plan))
                  for a in ref.resolve(c, allowed=kinds) if a.entity.type in kinds]
        # a demonym the plan's own name holds: "the Chinese peace plan"
        owners += [Arg(ref.state(iso3), c) for c in tok.children if c.dep_ in ("amod", "compound")
                   and ref.tok2ent.get(c.i) is plan
                   for iso3 in [lex.demonyms.get(c.text) or lex.state_names.get(c.text)] if iso3]
        yield from f.emitter.emit("PROPOSED", NO_TRIGGER, tok, owners, [Arg(plan, tok)])


def adopted_measures(f: Finding, found: list[Relation]) -> Iterator[Relation]:
    """"Unanimously adopting resolution 2719, the Council renewed the sanctions on
    South Sudan": what a body does in the sentence that adopts a resolution, it does
    by that resolution, so the resolution imposes the measures and makes the demands
    too (GUIDELINES: SANCTIONS, a resolution that imposes measures on a state)."""
    adopted = {(r.sentence_start, r.source): r.target for r in found if r.type == "ADOPTED"}
    by_id = {e.id: e for e in f.ref.g.entities}
    for r in found:
        resolution = adopted.get((r.sentence_start, r.source))
        if r.type not in f.lex.relation_groups["resolution_acts"] or resolution is None or resolution not in by_id:
            continue
        if by_id[resolution].props.get("number") is None:
            continue  # an unnamed text: the body's act stays the body's
        yield replace(r, source=resolution)
