"""The lexicons, gazetteers and patterns extraction uses, read from loaders/data/.

Everything language-specific lives in those data files; this module only reads them
into lookup structures, once per process.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml

from ...errors import Errors, SkgError
from ...schema import load_model
from ...schema.identity import fold, slug  # noqa: F401 - the one normaliser; the extractor's modules read it here
from .triggers import RelationTriggers, TriggerIndex, validate_triggers

DATA = "sanctions_kg.loaders"


def _read(name: str) -> str:
    return resources.files(DATA).joinpath("data", name).read_text("utf-8")


def yaml_data(name: str) -> Any:
    return yaml.safe_load(_read(name))


def json_data(name: str) -> Any:
    return json.loads(_read(name))


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    qid: str
    demonym: str
    region: str = ""
    subregion: str = ""
    borders: tuple[str, ...] = ()
    landlocked: bool = False
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Org:
    """An organisation of the gazetteer; its fields, in order, are the properties an
    Organization's entity row carries (mentions.py writes them as they are)."""
    name: str
    acronym: str | None
    kind: str
    qid: str | None
    body: str | None


@dataclass(frozen=True)
class Holder:
    iso3: str
    office: str
    name: str
    qid: str
    start: date | None
    end: date | None
    table: str = "leaders table"  # where the holder comes from: the official's `state_from`


@dataclass
class PastOfficials:
    """The past officials table and its indexes by a name's last and first word."""
    rows: list[dict]
    by_surname: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    first_names: dict[str, set[str]] = field(default_factory=dict)  # first word -> states


@dataclass
class Lexicon:
    """All lookup tables, built lazily from the data files."""
    countries: dict[str, Country] = field(default_factory=dict)
    state_names: dict[str, str] = field(default_factory=dict)       # surface form -> iso3
    demonyms: dict[str, str] = field(default_factory=dict)          # "Russian" -> RUS
    weak_capitals: frozenset[str] = frozenset()
    capitals: frozenset[str] = frozenset()           # "Sofia", "Victoria": also given names
    issuer_clues: dict[str, list[str]] = field(default_factory=dict)
    state_agent_heads: frozenset[str] = frozenset()  # "ministry", "troops": stand for the state modifying them
    body_words: frozenset[str] = frozenset()         # words that make a named organisation a government body
    seat_heads: frozenset[str] = frozenset()         # "the regime in Caracas": named by its seat
    non_office_words: frozenset[str] = frozenset()   # "gang leader", "opposition leader": no public office
    reporting_verbs: frozenset[str] = frozenset()     # "said", "tweeted": who speaks a quotation
    anaphors: dict[str, list[list[str]]] = field(default_factory=dict)  # "the bloc" -> kinds to look back for
    wanting_verbs: frozenset[str] = frozenset()       # "urge", "hope": complements are wanted, not done
    proposing_verbs: frozenset[str] = frozenset()
    meeting_nouns: frozenset[str] = frozenset()
    agreement_nouns: frozenset[str] = frozenset()     # "a deal mediated by Qatar": the clause's subjects are its parties
    deliberating_verbs: frozenset[str] = frozenset()  # "weighing sanctions": not imposed
    desiring_verbs: frozenset[str] = frozenset()      # "wants to negotiate": hedged, told
    event_nouns: frozenset[str] = frozenset()         # "the airstrike": an act told before
    act_verbs: frozenset[str] = frozenset()           # "Israeli jets struck ...": the subject did the act
    state_epithets: frozenset[str] = frozenset()      # "the kingdom", "the Gulf state": a state named before
    state_descriptions: dict = field(default_factory=dict)  # what "the island", "the Asian nation" say of it
    event_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # "the expulsion" <- "ordered ... to leave"
    reciprocal_nouns: frozenset[str] = frozenset()    # "the rivals": the two states of the last clause
    object_control_verbs: frozenset[str] = frozenset()  # "thanked X for hosting": X hosted
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> the node types that fill it
    relation_groups: dict[str, frozenset[str]] = field(default_factory=dict)  # group -> relation types treated alike
    issued_nouns: frozenset[str] = frozenset()        # "the statement": stands for its issuer
    ending_verbs: frozenset[str] = frozenset()        # "lifted sanctions": not imposed
    document_nouns: frozenset[str] = frozenset()      # "the resolution seeks to ban": a text does what it seeks
    failing_verbs: frozenset[str] = frozenset()       # "vetoed a draft that would impose": not in force
    designee_nouns: frozenset[str] = frozenset()      # "Iranian officials": measures on them, not on Iran
    party_verbs: frozenset[str] = frozenset()         # "agreed", "signed": their subjects are the deal's parties
    gathering_verbs: frozenset[str] = frozenset()     # "talks brought X and Y together": X and Y met
    gathering_words: frozenset[str] = frozenset()
    settlement_nouns: frozenset[str] = frozenset()    # "brokered a reconciliation between": mediated
    series_nouns: frozenset[str] = frozenset()        # "a round of talks": the talks
    indirect_words: frozenset[str] = frozenset()      # "indirect talks": the parties did not meet
    absence_words: frozenset[str] = frozenset()       # "absent from the meeting": not there
    speculator_nouns: frozenset[str] = frozenset()    # "observers said X might mediate": a guess
    organ_words: frozenset[str] = frozenset()         # "by the Council": the organ of the text
    charged_acts: frozenset[str] = frozenset()        # "said X was harbouring ...": a charge (with acts_cameo.yaml)
    official_group_nouns: frozenset[str] = frozenset()
    representative_nouns: frozenset[str] = frozenset()  # "the delegations of A, B and C": each of them
    quantity_nouns: frozenset[str] = frozenset()      # "a handful of partners": the group is after "of"
    reasons: dict[str, frozenset[str]] = field(default_factory=dict)  # what gives a punitive act its reason
    subordinate_title_words: frozenset[str] = frozenset()  # "vice", "deputy"
    designated_officials: re.Pattern | None = None  # "Designation of Officials in <state>" headings
    relative_copulas: tuple[tuple[str, ...], ...] = ()  # "who was", "who serves as": a title follows
    orgs: dict[str, Org] = field(default_factory=dict)              # surface form -> Org
    titles: dict[str, str | None] = field(default_factory=dict)     # folded title -> office
    title_states: dict[str, str] = field(default_factory=dict)      # folded title -> the one state using it
    honorifics: tuple[str, ...] = ()
    triggers: dict[str, dict] = field(default_factory=dict)         # as written, hand and generated merged
    trigger_index: TriggerIndex | None = None                       # validated, by lemma
    modality_words: dict[str, list[str]] = field(default_factory=dict)
    group_nouns: frozenset[str] = frozenset()
    guest_nouns: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    evaluations: dict[str, list[str]] = field(default_factory=dict)
    hyphenated: dict[str, str] = field(default_factory=dict)        # "sponsored" -> PROPOSED
    vote_lists: dict[str, list[str]] = field(default_factory=dict)  # "against" -> [OPPOSES, voted_against]
    negating_verbs: frozenset[str] = frozenset()
    denying_verbs: frozenset[str] = frozenset()  # "denied that ...": the clause did not happen
    light_verbs: frozenset[str] = frozenset()    # "gave a welcome to X": the noun's "to" is on the verb
    keeping_verbs: frozenset[str] = frozenset()  # "respect", "implement": urging others to, supports
    proposals: dict[str, str] = field(default_factory=dict)         # surface -> canonical name
    proposal_heads: frozenset[str] = frozenset()
    proposal_kinds: frozenset[str] = frozenset()       # "peace", "ceasefire": what a plan is for
    proposal_kind_heads: frozenset[str] = frozenset()  # "solution", "plan": heads such a kind makes a proposal
    authored_drafts: frozenset[str] = frozenset()      # "Russia's draft": its owner drafted it
    authored_heads: frozenset[str] = frozenset()        # "China's peace plan": its owner proposed it
    measures: dict[str, Any] = field(default_factory=dict)
    furniture: tuple[str, ...] = ()
    news_outlets: frozenset[str] = frozenset()  # "Reuters", "DPA": report, never parties

    @cached_property
    def valence(self) -> dict[str, float]:
        """VADER's word valences (-4 to 4), as its package ships them (vaderSentiment,
        MIT): which words judge harshly is data, not a hand list."""
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8", errors="replace")
        return {word: float(mean) for word, mean, *_ in (line.split("\t") for line in text.splitlines())
                if _is_number(mean)}

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """The last word of every title ("minister", "ambassador", "chief")."""
        return frozenset(t.split()[-1] for t in self.titles)

    @cached_property
    def title_patterns(self) -> list[tuple[str, str | None, re.Pattern]]:
        """Every title with its office and a compiled whole-word pattern, longest title
        first (the first that matches is the longest one), compiled once: with the
        dictionary's titles there are more than `re`'s cache holds."""
        ordered = sorted(self.titles.items(), key=lambda item: -len(item[0]))
        return [(title, office, re.compile(rf"\b{re.escape(title)}\b")) for title, office in ordered]

    @cached_property
    def holders(self) -> list[Holder]:
        out = []
        for r in json_data("leaders.json"):
            out.append(Holder(r["country_iso3"], r["office"], r["person_name"], r["wikidata_qid"],
                              _date(r["start_date"]), _date(r["end_date"])))
        return out

    @cached_property
    def holders_by_surname(self) -> dict[str, list[Holder]]:
        index: dict[str, list[Holder]] = {}
        for h in self.holders:
            toks = fold(h.name).split()
            if toks:
                index.setdefault(toks[-1], []).append(h)
        return index

    @cached_property
    def past_officials(self) -> PastOfficials:
        """Officials of the past (Phoenix country actors, to 2014), indexed in one pass
        by the last and the first word of each name they go by: read only for a titled
        person the leaders table lacks, so built on first use."""
        past = PastOfficials(json_data("past_officials.json"))
        for i, r in enumerate(past.rows):
            for name in r["names"]:
                toks = fold(name).split()
                past.by_surname.setdefault(toks[-1], []).append((i, name))
                if len(toks) > 1:
                    past.first_names.setdefault(toks[0], set()).add(r["iso3"])
        return past

    def past_holders(self, surname: str) -> list[Holder]:
        """The past officials (one per name and government spell) with this folded surname."""
        rows = self.past_officials.rows
        return [Holder(rows[i]["iso3"], "government", name, "", _date(start), _date(end), "past officials table")
                for i, name in self.past_officials.by_surname.get(surname, []) for start, end in rows[i]["spells"]]

    @cached_property
    def states_by_first_name(self) -> dict[str, set[str]]:
        """The states of the heads (now) and officials (past) whose name begins with a
        word: an East Asian family name comes first ("Xi", "Kim")."""
        index = {k: set(v) for k, v in self.past_officials.first_names.items()}
        for h in self.holders:
            toks = fold(h.name).split()
            if len(toks) > 1 and h.office in ("head_of_state", "head_of_government"):
                index.setdefault(toks[0], set()).add(h.iso3)
        return index

    @cached_property
    def past_surnames_by_deletion(self) -> dict[str, set[str]]:
        """Each past official's surname (six letters or more) under every form with one
        letter deleted: a text's misspelling by one letter ("Mitterand") finds it."""
        index: dict[str, set[str]] = {}
        for surname in self.past_officials.by_surname:
            if len(surname) >= 6:
                for i in range(len(surname)):
                    index.setdefault(surname[:i] + surname[i + 1:], set()).add(surname)
        return index

    @cached_property
    def unsc(self) -> dict[str, dict]:
        return {r["number"]: r for r in json_data("unsc_resolutions.json")}

    @cached_property
    def unsc_by_date(self) -> list[tuple[date, dict]]:
        rows = [(_date(r["date"]), r) for r in self.unsc.values()]
        return sorted(((d, r) for d, r in rows if d), key=lambda dr: dr[0])  # type: ignore[misc]

    @cached_property
    def vetoes(self) -> list[dict]:
        return json_data("unsc_vetoes.json")

    @cached_property
    def ga_resolutions(self) -> list[dict]:
        return json_data("unga_resolutions.json")


def merge_triggers(hand: dict, generated: dict) -> dict:
    """Hand-written triggers, plus the generated ones (from the CAMEO dictionary) for
    lemmas the hand-written lexicon does not list under the same relation: a
    hand-written entry is tuned to its construction, and wins."""
    out = {rel: {**spec, "verbs": dict(spec.get("verbs") or {}), "nouns": dict(spec.get("nouns") or {})}
           for rel, spec in hand.items()}
    for rel, spec in generated.items():
        mine = out.setdefault(rel, {"verbs": {}, "nouns": {}})
        for kind in ("verbs", "nouns"):
            for lemma, entry in (spec.get(kind) or {}).items():
                mine[kind].setdefault(lemma, entry)
    return out


def _validated_triggers(hand: dict, generated: dict, where: str = "") -> tuple[dict, TriggerIndex]:
    """Both trigger files checked against the spec and the model (E070), merged, and
    indexed by lemma."""
    model = load_model()
    kinds = frozenset(model.relation_types), frozenset(model.node_types)
    checked = [{rel: spec.model_dump(exclude_unset=True) | {"verbs": spec.verbs, "nouns": spec.nouns}
                for rel, spec in validate_triggers(raw, *kinds, where=where or name).items()}
               for raw, name in ((hand, "triggers.yaml"), (generated, "triggers_cameo.yaml"))]
    # the same merge as the data's, over entries already checked (no second validation)
    index = TriggerIndex({rel: RelationTriggers.model_construct(**spec) for rel, spec in merge_triggers(*checked).items()})
    return merge_triggers(hand, generated), index


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _add_demonym(lex: Lexicon, form: str, iso3: str) -> None:
    lex.demonyms[form] = iso3
    if form.endswith(("an", "i")):  # the people: "Palestinians blamed Israel"
        lex.demonyms.setdefault(form + "s", iso3)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lex = Lexicon()
    capitals: set[str] = set()
    for row in json_data("countries.json"):
        c = Country(row["iso3"], row["name"], row["qid"], row["demonym"], row.get("region", ""),
                    row.get("subregion", ""), tuple(row.get("borders", ())), bool(row.get("landlocked")),
                    tuple(row.get("languages", ())))
        lex.countries[c.iso3] = c
        for form in [row["name"], row["official"], *row["aliases"], *row["capitals"]]:
            if form and form[0].isupper() and len(form) > 2:
                lex.state_names.setdefault(form, c.iso3)
        capitals.update(row["capitals"])
        for demonym in re.split(r",\s*|\s+or\s+", row["demonym"]) if row["demonym"] else []:
            _add_demonym(lex, demonym, c.iso3)  # "Bosnian, Herzegovinian": two
    extra = yaml_data("state_aliases.yaml")
    for iso3, forms in extra["demonyms"].items():
        for form in forms:
            _add_demonym(lex, form, iso3)
    for iso3, forms in extra["aliases"].items():
        for form in forms:
            lex.state_names[form] = iso3
    for iso3, forms in extra["fixed"].items():
        for form in forms:
            lex.state_names[form] = iso3
    lex.weak_capitals = frozenset(extra["weak_capitals"])
    lex.capitals = frozenset(capitals)
    lex.issuer_clues = extra["issuer_clues"]
    agents, phoenix = yaml_data("agents.yaml"), yaml_data("agents_phoenix.yaml")
    lex.state_agent_heads = frozenset(agents["state_agent_heads"]) | frozenset(phoenix["state_agent_heads"])
    lex.body_words = frozenset(agents["body_words"])
    lex.seat_heads = frozenset(agents["seat_heads"])
    lex.non_office_words = frozenset(agents["non_office_words"])
    # the hand-written list first: where the generated one names the same form, ours wins
    for spec in yaml_data("organizations.yaml")["organizations"] + yaml_data("organizations_phoenix.yaml")["organizations"]:
        org = Org(spec["name"], spec.get("acronym"), spec["kind"], spec.get("qid"), spec.get("body"))
        for form in [spec["name"], spec.get("acronym"), *spec.get("aliases", [])]:
            if form:
                lex.orgs.setdefault(form, org)
    for form in lex.orgs:
        lex.state_names.pop(form, None)
    offices = yaml_data("offices.yaml")
    lex.titles = {fold(t["title"]): t["office"] for t in offices["titles"]}
    lex.title_states = {fold(t["title"]): t["state"] for t in offices["titles"] if t.get("state")}
    for title in phoenix["titles"]:  # "interior minister", "police chief"
        lex.titles.setdefault(fold(title), None)
    lex.honorifics = tuple(offices["honorifics"])
    lex.subordinate_title_words = frozenset(offices["subordinate_title_words"])
    spec = offices["designated_officials"]
    lex.designated_officials = re.compile(
        r"\b(?:%s)\b.*?\b(?:former\s+)?(?:%s)\s+(?:in|of|from)\s+(?:the\s+)?(?P<state>[A-Z].*)" % (
            "|".join(map(re.escape, spec["designating"])), "|".join(map(re.escape, spec["holders"]))),
        re.IGNORECASE)
    lex.relative_copulas = tuple(sorted((tuple(c.lower().split()) for c in offices["relative_copulas"]),
                                        key=len, reverse=True))
    trig = yaml_data("triggers.yaml")
    lex.modality_words = trig.pop("modality")
    lex.group_nouns = frozenset(trig.pop("group_nouns"))
    lex.member_nouns = frozenset(trig.pop("member_nouns"))
    lex.guest_nouns = frozenset(trig.pop("guest_nouns"))
    lex.evaluations = trig.pop("evaluations")
    lex.hyphenated = trig.pop("hyphenated")
    lex.vote_lists = trig.pop("vote_lists")
    lex.negating_verbs = frozenset(trig.pop("negating_verbs"))
    lex.denying_verbs = frozenset(trig.pop("denying_verbs"))
    lex.keeping_verbs = frozenset(trig.pop("keeping_verbs"))
    lex.reasons = {k: frozenset(v) for k, v in trig.pop("reasons").items()}
    discourse = yaml_data("discourse.yaml")
    lex.anaphors = discourse.pop("anaphors")
    lex.state_descriptions = discourse.pop("state_descriptions")
    lex.event_verbs = {noun: frozenset(verbs) for noun, verbs in discourse.pop("event_verbs").items()}
    lex.roles = _checked_roles(discourse.pop("roles"))
    lex.relation_groups = _checked_relation_groups(discourse.pop("relation_groups"))
    set_word_lists(lex, discourse, "discourse.yaml")
    lex.charged_acts = lex.charged_acts | frozenset(yaml_data("acts_cameo.yaml")["hostile_verbs"])
    lex.light_verbs = frozenset(trig.pop("light_verbs"))
    trig.pop("group_determiners", None)
    lex.triggers, lex.trigger_index = _validated_triggers(trig, yaml_data("triggers_cameo.yaml"))
    props = yaml_data("proposals.yaml")
    for spec in props["known"]:
        for form in [spec["name"], *spec["aliases"]]:
            lex.proposals[form] = spec["name"]
    lex.proposal_heads = frozenset(props["heads"])
    lex.proposal_kinds = frozenset(props["kinds"])
    lex.proposal_kind_heads = frozenset(props["kind_heads"])
    lex.authored_heads = frozenset(props["authored_heads"])
    lex.authored_drafts = frozenset(props["authored_drafts"])
    lex.measures = yaml_data("measures.yaml")
    lex.furniture = tuple(yaml_data("furniture.yaml")["markers"])
    lex.news_outlets = frozenset(yaml_data("media.yaml")["news_outlets"])
    return lex


def set_word_lists(lex: Lexicon, lists: dict, where: str) -> None:
    """Each list of a data file onto the lexicon field of its name; a name no field has
    (a misspelt list, which no reader would ever read) is E070."""
    for name, words in lists.items():
        if name not in Lexicon.__dataclass_fields__:
            raise SkgError(Errors.E070.format(where=where, entry=name, reason="no reader knows a list of this name"))
        setattr(lex, name, frozenset(words))


def _checked_names(section: str, groups: dict[str, list[str]], known: set[str], kind: str) -> None:
    """E070 on the first name in a section of discourse.yaml that the model does not
    have: the readers' type lists live in data, so a renamed type must fail at load,
    not match nothing in every article."""
    for group, names in groups.items():
        unknown = sorted(set(names) - known)
        if unknown:
            raise SkgError(Errors.E070.format(where="discourse.yaml", entry=f"{section}.{group}",
                                              reason=f"{unknown[0]} is not a {kind} of the model"))


def _checked_roles(roles: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The readers' roles (discourse.yaml), each type one the model has (E070 otherwise)."""
    _checked_names("roles", roles, set(load_model().node_types), "node type")
    return {role: tuple(types) for role, types in roles.items()}


def _checked_relation_groups(groups: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """The relation types the readers treat alike (discourse.yaml), each one the model
    has (E070 otherwise)."""
    _checked_names("relation_groups", groups, set(load_model().relation_types), "relation type")
    return {group: frozenset(types) for group, types in groups.items()}
