"""Accusations told as reactions and as charges in a speaker's words (reactions.py), the
parties and hosts of meetings wherever the sentence names them (meetings.py), and wire
datelines: each with the negatives that must give nothing. Sentences of our own, written
before the rules (tests/bank/events.txt holds more)."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.mark.parametrize("text, expected", [
    # an act labelled harshly: its doer named with it, or told just before
    ("Iran seized a Greek tanker in the Gulf. Athens called the seizure an act of piracy.", ("ACCUSES", "GRC", "IRN")),
    ("Turkish jets struck targets in northern Iraq. Baghdad called the raids a violation of its sovereignty.",
     ("ACCUSES", "IRQ", "TUR")),
    # an act that draws a reaction
    ("Israel's raid on the camp drew a sharp rebuke from Jordan.", ("ACCUSES", "JOR", "ISR")),
    ("The Venezuelan decision to expel the observers drew protests from Brazil and Colombia.",
     ("ACCUSES", "COL", "VEN")),
    # charges traded: both ways
    ("Ethiopia and Eritrea traded accusations over the border.", ("ACCUSES", "ERI", "ETH")),
    # a hostile act told by a speaker, in reported speech and in a quotation
    ("Colombia said Venezuela was harbouring rebel commanders.", ("ACCUSES", "COL", "VEN")),
    ('"Minsk is smuggling migrants to our border," the Lithuanian interior minister told reporters.',
     ("ACCUSES", "LTU", "BLR")),
    ("The Latvian defence minister, Ilze Kalnina, said Russia had sabotaged the power line.",
     ("ACCUSES", "Ilze Kalnina", "RUS")),
    # blame put on someone, also in a participle and a relative clause
    ("The blockade, blamed by Armenia on Azerbaijan, cut off food supplies.", ("ACCUSES", "ARM", "AZE")),
    ("The shelling of the market, which Kyiv blamed on Russian forces, killed nine people.",
     ("ACCUSES", "UKR", "RUS")),
    # the doer of an act in a participle the parser hung on its victim
    ("Kenya, Uganda and Rwanda condemned the attack on the base carried out by al-Shabaab.",
     ("ACCUSES", "UGA", "Al-Shabaab")),
    # officials of the states a possessive names
    ("Mexico and Chile held talks in Santiago. Their foreign ministers then condemned Nicaragua's expulsion "
     "of the nuns.", ("ACCUSES", "CHL", "NIC")),
])
def test_reactions_and_told_charges_accuse(extract_text, text, expected):
    assert expected in facts(extract_text(text))


@pytest.mark.parametrize("text", [
    "Turkish jets struck targets in northern Iraq. Analysts called the raids predictable.",  # no harsh label, no actor
    "Chile called the agreement with Bolivia a success.",                                  # praise
    "Germany's decision to send tanks drew praise from Poland.",                           # praise drawn
    "India and Pakistan traded fire along the Line of Control.",                           # fire is no charge
    "Colombia said Venezuela was hosting the peace talks.",                                # no hostile act
    "Analysts said Iran was arming the militias.",                                         # the speaker is no actor
    "Colombia denied that Venezuela was harbouring rebel commanders.",                     # denied
    "Qatar said Israel and Hamas had struck a deal.",                                      # a deal struck
    "Japan described the launch as a grave threat.",                                       # whose launch: unsaid
])
def test_neutral_labels_praise_denials_and_unowned_claims_accuse_nobody(extract_text, text):
    got = {f for f in facts(extract_text(text)) if f[0] == "ACCUSES"}
    assert not got, got


@pytest.mark.parametrize("text, expected", [
    ("Talks brokered by Egypt brought Israeli and Palestinian negotiators together in Cairo.",
     {("MEDIATES", "EGY", "ISR"), ("MEDIATES", "EGY", "PSE"), ("CONSULTS", "ISR", "PSE")}),
    ("Armenia and Azerbaijan agreed to a new round of talks, to be hosted by Georgia.",
     {("MEDIATES", "GEO", "ARM"), ("MEDIATES", "GEO", "AZE")}),
    ("Serbia and Kosovo resumed their dialogue in Brussels, facilitated by the European Union.",
     {("MEDIATES", "European Union", "SRB"), ("MEDIATES", "European Union", "XKX")}),
    ("Qatar brokered a rapprochement between Chad and Sudan last year.",
     {("MEDIATES", "QAT", "TCD"), ("MEDIATES", "QAT", "SDN")}),
    ("Statement by the Spokesperson\n\nWe welcome the talks between Armenia and Azerbaijan and thank Kazakhstan "
     "for hosting them.", {("MEDIATES", "KAZ", "ARM"), ("MEDIATES", "KAZ", "AZE")}),
    ("The meeting between Lebanese and Israeli military officers, hosted by UNIFIL in Naqoura, ended without "
     "result.", {("MEDIATES", "UNIFIL", "ISR"), ("MEDIATES", "UNIFIL", "LBN"), ("CONSULTS", "LBN", "ISR")}),
])
def test_a_meetings_parties_and_host_wherever_the_sentence_names_them(extract_text, text, expected):
    got = facts(extract_text(text))
    assert expected <= got, expected - got


@pytest.mark.parametrize("text, wrong", [
    # the host of others' talks is no guest of its own
    ("Statement by the Spokesperson\n\nWe welcome the talks between Armenia and Azerbaijan and thank Kazakhstan "
     "for hosting them.", ("CONSULTS", "KAZ", "ARM")),
    ("The meeting between Lebanese and Israeli military officers, hosted by UNIFIL in Naqoura, ended without "
     "result.", ("CONSULTS", "UNIFIL", "LBN")),
    # talks that may happen have not been held
    ("Kenya might host talks between Ethiopia and Eritrea, a diplomat said.", ("CONSULTS", "ETH", "ERI")),
    # one side agreeing to talks is no pair
    ("Mali agreed to talks, to be hosted by Algeria.", ("MEDIATES", "DZA", "MLI")),
])
def test_hosts_possible_talks_and_one_sided_agreements_are_no_meeting(extract_text, text, wrong):
    assert wrong not in facts(extract_text(text))


@pytest.mark.parametrize("text, expected", [
    ("NAIROBI (Reuters) - Kenya accused Somalia on Monday of harbouring militants.", ("ACCUSES", "KEN", "SOM")),
    ("KYIV, Ukraine (AP) — Ukraine urged Hungary to stop blocking the aid package.", ("CALLS_ON", "UKR", "HUN")),
])
def test_a_wire_dateline_is_neither_actor_nor_noise(extract_text, text, expected):
    got = facts(extract_text(text))
    assert expected in got
    assert all(f[1] not in ("NAIROBI", "KYIV") for f in got), got


@pytest.mark.parametrize("text, expected, wrong", [
    # "the first" and "the second" count the texts in the order they were named, and a
    # participle after a listed symbol describes that symbol
    ("Two drafts went to a vote: S/2024/210, put forward by the United States, and S/2024/211, put forward "
     "by Russia. Russia vetoed the first; the second won only four votes.",
     {("OPPOSES", "RUS", "S/2024/210"), ("PROPOSED", "RUS", "S/2024/211")},
     {("OPPOSES", "RUS", "S/2024/211"), ("PROPOSED", "RUS", "S/2024/210")}),
    # a participle after a state describes the text it follows, not the state
    ("The Human Rights Council adopted a resolution on Eritrea, tabled by the European Union, by 21 votes to 10.",
     {("PROPOSED", "European Union", "HRC resolution (unnumbered)")}, set()),
])
def test_ordinals_and_listed_participles_find_the_right_draft(extract_text, text, expected, wrong):
    got = facts(extract_text(text))
    assert all(_has(got, *f) for f in expected), got
    assert not any(_has(got, *f) for f in wrong), got


def _has(got: set, rel: str, source: str, text: str) -> bool:
    """A resolution's name carries its symbol or "(unnumbered, date, ...)": match inside it."""
    return any(r == rel and s == source and text.split(" (")[0] in t for r, s, t in got)


@pytest.mark.parametrize("text, expected", [
    ("Guyana and Slovenia drafted the text, which passed 15-0.", ("PROPOSED", "GUY", "UNSC resolution (unnumbered)")),
    ("The penholders, the United Kingdom and France, circulated a revised draft on Libya late on Friday.",
     ("PROPOSED", "FRA", "UNSC resolution (unnumbered)")),
    ("China blocked a Council text that would have put a travel ban on the Burmese junta's chief.",
     ("OPPOSES", "CHN", "UNSC resolution (unnumbered)")),
    ("Russia's rival draft won only the votes of Russia and China and failed.",
     ("PROPOSED", "RUS", "UNSC resolution (unnumbered)")),
])
def test_an_unnumbered_council_text_is_a_resolution_where_it_is_voted_drafted_or_owned(extract_text, text, expected):
    got = facts(extract_text(text))
    assert _has(got, *expected), got


@pytest.mark.parametrize("text", [
    "The Chinese text of the treaty differs from the English one.",
    "Kenya's draft law on media passed the senate.",
])
def test_a_text_or_draft_of_something_else_is_no_resolution(extract_text, text):
    assert not [e for e in extract_text(text)["entities"] if e["type"] == "Resolution"]


@pytest.mark.parametrize("text, wrong", [
    ("Oman facilitated indirect talks between Iran and the United States in Muscat.", ("CONSULTS", "IRN", "USA")),
    ("The envoys of Spain and Italy were both absent from the meeting with the Libyan prime minister.",
     ("CONSULTS", "ESP", "LBY")),
    ("Observers said Turkey might mediate between Russia and Ukraine.", ("MEDIATES", "TUR", "RUS")),
    ("France persuaded Chad to join the border talks with Sudan.", ("CONSULTS", "FRA", "SDN")),
])
def test_parties_that_did_not_meet_and_guesses_are_no_meeting(extract_text, text, wrong):
    assert wrong not in facts(extract_text(text))


@pytest.mark.parametrize("text, expected", [
    ("The Ecuadorian-drafted Council resolution on maritime security was adopted with two abstentions.",
     ("ADOPTED", "United Nations Security Council", "UNSC resolution")),
    ("The General Assembly text passed with Russia and Belarus against and China and India abstaining.",
     ("ADOPTED", "United Nations General Assembly", "UNGA resolution")),
    ("The resolution, passed without objection by all fifteen Council members, keeps the embargo on Somalia's "
     "charcoal exports in place.", ("ADOPTED", "United Nations Security Council", "UNSC resolution")),
])
def test_a_resolution_adopted_with_no_agent_named_is_its_organs(extract_text, text, expected):
    got = facts(extract_text(text))
    assert _has(got, *expected), got


@pytest.mark.parametrize("text", [
    "Canada's parliament passed a resolution condemning the Council.",  # an agent named, no organ
    "The bill passed the senate after a long debate.",                   # no resolution at all
])
def test_an_agent_named_that_is_no_organ_leaves_the_adopter_unsaid(extract_text, text):
    got = facts(extract_text(text))
    assert not {f for f in got if f[0] == "ADOPTED"}, got


def test_a_one_word_furniture_marker_is_blanked_only_on_a_line_of_its_own(extractor):
    from sanctions_kg.loaders.extract.pipeline import prepare

    text = "Sponsored by France, the draft passed.\nSponsored\nKenya accused Somalia."
    prepared = prepare(text, extractor.lex.furniture)
    assert prepared.startswith("Sponsored by France") and "\nSponsored" not in prepared
    assert len(prepared) == len(text)


@pytest.mark.parametrize("text, expected", [
    ("The European Union adopted its fifteenth package on Monday. The measures target Russia's liquefied gas trade.",
     ("SANCTIONS", "European Union", "RUS")),
    ("The communiqué of the Arab League summit called on Israel to halt settlement construction.",
     ("CALLS_ON", "Arab League", "ISR")),
])
def test_a_document_acts_for_whoever_issued_it_before_or_owns_it(extract_text, text, expected):
    assert expected in facts(extract_text(text))


@pytest.mark.parametrize("text, expected", [
    ("Canada imposed visa bans on Venezuelan officials, citing the regime's rigging of the July vote.",
     ("ACCUSES", "CAN", "VEN")),
    ("Australia imposed travel bans on Iranian officials in retaliation for Tehran's crackdown on protesters.",
     ("ACCUSES", "AUS", "IRN")),
    ("New Zealand penalised the Nicaraguan judiciary over its persecution of opposition candidates.",
     ("ACCUSES", "NZL", "NIC")),
])
def test_the_wrong_a_measure_answers_accuses_its_doer(extract_text, text, expected):
    assert expected in facts(extract_text(text))


@pytest.mark.parametrize("text", [
    "Arab members of OPEC imposed an embargo against the United States in retaliation for the U.S. decision "
    "to re-supply the Israeli military.",                                        # a grievance, not a wrong
    "Britain imposed sanctions on Eritrea, despite its cooperation on migration.",  # no reason given
])
def test_a_measure_answering_no_wrong_accuses_nobody(extract_text, text):
    assert not {f for f in facts(extract_text(text)) if f[0] == "ACCUSES"}
