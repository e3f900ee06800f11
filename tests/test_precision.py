"""Precision mechanisms of the relation stage (issue 27, item 5): each pinned on
sentences of our own, each a mechanism rather than a special case."""
from __future__ import annotations

from conftest import facts


def test_a_news_outlet_is_never_a_party(extract_text):
    got = facts(extract_text("SOFIA (Reuters) – Bulgaria denounced Russia's strikes on Monday. "
                             "The Bulgarian foreign minister told DPA that Moscow must withdraw its ships."))
    assert ("ACCUSES", "BGR", "RUS") in got
    assert not any("Reuters" in (s, t) or "DPA" in (s, t) for _, s, t in got)


def test_colleagues_of_one_government_do_not_consult_each_other(extract_text):
    got = facts(extract_text("Chilean Foreign Minister Ana Ruiz met Chile's defence minister Pedro Soto "
                             "and Peruvian Foreign Minister Luis Vega in Lima."))
    assert ("CONSULTS", "Ana Ruiz", "Luis Vega") in got or ("CONSULTS", "Luis Vega", "Ana Ruiz") in got
    assert not {("CONSULTS", "Ana Ruiz", "Pedro Soto"), ("CONSULTS", "Pedro Soto", "Ana Ruiz")} & got


def test_facilitating_what_is_not_talks_is_no_mediation(extract_text):
    for text in ("Canada will facilitate humanitarian access into Gaza.",
                 "Norway facilitated a flight from Kabul for Afghan students.",
                 "Qatar hosted a conference on climate finance with Kenya and Chile."):
        assert not {f for f in facts(extract_text(text)) if f[0] == "MEDIATES"}, text


def test_talks_described_by_a_hosting_participle_have_their_parties_from_between(extract_text):
    got = facts(extract_text("Talks between Serbia and Kosovo, hosted by the European Union in Brussels, "
                             "ended without a deal."))
    assert {("MEDIATES", "European Union", "SRB"), ("MEDIATES", "European Union", "XKX")} <= got


def test_those_who_welcome_mediated_talks_are_not_their_parties(extract_text):
    got = facts(extract_text("Chile and Peru welcomed the talks between Bolivia and Paraguay, "
                             "facilitated by the Organization of American States."))
    mediated = {t for r, _, t in got if r == "MEDIATES"}
    assert not mediated & {"CHL", "PER"}


def test_a_deal_mediated_between_the_subjects_of_its_clause_keeps_them_as_parties(extract_text):
    got = facts(extract_text("Saudi Arabia and Iran agreed to restore relations after talks in Beijing "
                             "mediated by China."))
    assert {("MEDIATES", "CHN", "SAU"), ("MEDIATES", "CHN", "IRN")} <= got


def test_a_later_other_meeting_does_not_take_up_the_attendees_of_an_earlier_one(extract_text):
    got = facts(extract_text("Ghana and Togo held talks in Accra on Monday. The harvest was poor this year "
                             "and prices rose across the region. Germany later asked its envoy to attend "
                             "the follow-up meeting."))
    assert ("CONSULTS", "GHA", "TGO") in got or ("CONSULTS", "TGO", "GHA") in got
    assert not {f for f in got if f[0] == "CONSULTS" and "DEU" in f}


def test_a_headline_said_again_as_the_first_line_is_one_statement(extract_text):
    row = extract_text("Russia offers to mediate between Armenia and Azerbaijan\n\n"
                       "Russia offers to mediate between Armenia and Azerbaijan\n\n"
                       "The Kremlin said on Monday it was ready to host talks.")
    mediates = [r for r in row["relations"] if r["type"] == "MEDIATES"]
    assert len(mediates) == 2  # one per party, not one per copy of the line


def test_a_call_on_someone_is_a_demand_not_a_meeting_of_those_who_make_it(extract_text):
    got = facts(extract_text("Joint Statement on Myanmar\n\nWe, the ministers of Australia, Canada and the United "
                             "Kingdom, renew our call on Myanmar's military regime to free all political prisoners."))
    assert ("CALLS_ON", "AUS", "MMR") in got
    assert not {f for f in got if f[0] == "CONSULTS"}
