"""Who is named (issue 28, item 1): officials by titles before and after the name, and
what is never an entity. Sentences of our own."""
from __future__ import annotations

import pytest


def entities(row: dict) -> set[tuple[str, str, str | None]]:
    return {(e["type"], e["name"], e.get("state")) for e in row["entities"]}


def test_a_title_the_name_finder_took_into_the_name_makes_an_official(extract_text):
    got = entities(extract_text("Crown Prince Mohammed bin Salman received the Iraqi prime minister in Riyadh."))
    assert ("Official", "Mohammed bin Salman", "SAU") in got
    got = entities(extract_text("State Counsellor Aung San Suu Kyi defended Myanmar at The Hague."))
    assert ("Official", "Aung San Suu Kyi", "MMR") in got


def test_a_title_in_apposition_after_the_name_makes_an_official(extract_text):
    for text in ('"The blockade must end," said Lina Haddad, a Jordanian foreign ministry spokesperson.',
                 "Lina Haddad, a spokeswoman for the Jordanian foreign ministry, said the talks had failed."):
        assert ("Official", "Lina Haddad", "JOR") in entities(extract_text(text)), text


def test_an_organisations_commissioner_is_an_official_of_no_state(extract_text):
    got = entities(extract_text("EU Commissioner Ylva Johansson urged Belarus to stop pushing migrants "
                                "to the border."))
    assert ("Official", "Ylva Johansson", None) in got


def test_a_states_security_council_is_not_the_un_security_council(extract_text):
    for text in ("Turkey's National Security Council urged Greece to demilitarise the islands.",
                 "The Russian Security Council discussed the sanctions.",
                 "Statement of the National Security Council of Ukraine\n\nUkraine has imposed sanctions."):
        assert not {e for e in entities(extract_text(text)) if e[1] == "United Nations Security Council"}, text
    got = entities(extract_text("Russia vetoed a U.S.-drafted Security Council resolution on Mali."))
    assert ("Organization", "United Nations Security Council", None) in got


def test_a_community_named_by_two_demonyms_is_neither_state(extract_text):
    got = entities(extract_text("Greek Cypriot voters rejected the plan, and Turkish Cypriot leaders "
                                "met the Greek foreign minister."))
    assert not {e for e in got if e[1] in ("Cyprus", "Türkiye")}
    assert ("State", "Greece", None) in got  # "the Greek foreign minister" is Greece's


def test_a_title_case_headline_is_no_plan_and_a_plan_ends_at_its_name(extract_text):
    assert not {e for e in entities(extract_text("Lavrov's Meeting With Wang Yi Ends Without Deal"))
                if e[0] == "Proposal"}
    assert ("Proposal", "Peace Plan", None) in entities(extract_text("Putin's Peace Plan Draws Scorn From Kyiv"))
    got = entities(extract_text("Iran and the E3 discussed the Joint Comprehensive Plan of Action in Vienna."))
    assert {e[1] for e in got if e[0] == "Proposal"} == {"Joint Comprehensive Plan of Action"}


def test_a_capitals_name_before_a_surname_is_a_given_name(extract_text):
    """"Mexican President Sofia Herrera": Sofia is her given name, not Bulgaria's capital."""
    from conftest import facts

    got = facts(extract_text("Mexican President Sofia Herrera and Guatemalan President Julio Ajpop spoke by phone "
                             "about migration."))
    assert ("OFFICIAL_OF", "Sofia Herrera", "MEX") in got
    assert not any("BGR" in f for f in got)


@pytest.mark.parametrize("text, expected", [
    ("The meeting was attended by Austria's chancellor, Karl Weiss, its finance minister, Dora Lenz, and the "
     "Hungarian foreign minister.", ("OFFICIAL_OF", "Dora Lenz", "AUT")),
    ("Kenya sent a team led by its foreign minister, Musa Otieno, to meet Sudanese army leaders in Port Sudan.",
     ("OFFICIAL_OF", "Musa Otieno", "KEN")),
])
def test_its_before_a_title_is_the_state_named_last(extract_text, text, expected):
    """"its finance minister, Dora Lenz": the office is the state's named just before; and
    two officials of one state then consult nobody but the others."""
    from conftest import facts

    got = facts(extract_text(text))
    assert expected in got
    assert ("CONSULTS", "Karl Weiss", "Dora Lenz") not in got
