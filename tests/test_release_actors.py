"""Who acts in a release (issue 27, item 6): every signatory of a joint statement, the
issuer from the heading, byline or publisher line, holders whose term covers the
article, envoys "for X" and UN officials. Sentences written for these tests, extracted
with the real pipeline."""
from __future__ import annotations

from datetime import date

from conftest import facts


def officials(row: dict) -> dict[str, str | None]:
    """Each official's name and the state it was given."""
    return {e["name"]: e.get("state") for e in row["entities"] if e["type"] == "Official"}


# ---- a joint statement's "we" ----

def test_the_apposition_runs_to_the_verb_past_names_with_the(extract_text):
    row = extract_text("Joint Statement on Shipping\n\nWe, the foreign ministers of Peru, Ghana, the Netherlands, "
                       "and the Republic of Korea, condemn Iran for seizing the tanker.")
    assert {("ACCUSES", s, "IRN") for s in ("PER", "GHA", "NLD", "KOR")} <= facts(row)


def test_a_description_after_the_signatories_ends_their_list(extract_text):
    row = extract_text("Joint Communiqué\n\nWe, the ministers of Chile and Uruguay, the two hosts of the talks, "
                       "call on Bolivia to free the detained observers.")
    f = facts(row)
    assert {("CALLS_ON", "CHL", "BOL"), ("CALLS_ON", "URY", "BOL")} <= f
    assert not any(s == "BOL" for t, s, _ in f if t == "CALLS_ON")


def test_issuers_named_after_the_verb(extract_text):
    row = extract_text("Joint Statement on Myanmar\n\nThis statement was issued jointly by the governments of "
                       "Canada, Norway and Japan on the situation in Myanmar. We urge Myanmar to free the prisoners.")
    f = facts(row)
    assert {("CALLS_ON", s, "MMR") for s in ("CAN", "NOR", "JPN")} <= f
    assert ("CALLS_ON", "MMR", "MMR") not in f  # the topic is no signatory
    row = extract_text("The governments of Ireland, Malta and Slovenia have agreed on the following joint "
                       "statement.\n\nWe call on Israel to allow humanitarian access.")
    assert {("CALLS_ON", s, "ISR") for s in ("IRL", "MLT", "SVN")} <= facts(row)


def test_a_statement_by_named_parties_in_a_text_that_says_we(extract_text):
    row = extract_text("Below is the text of a statement by the foreign ministers of Brazil, Chile and Colombia "
                       "on the crisis in Haiti.\n\nWe call on the Dominican Republic to reopen the border.")
    assert {("CALLS_ON", s, "DOM") for s in ("BRA", "CHL", "COL")} <= facts(row)
    # a report of a joint statement has no voice of its own to evaluate with
    row = extract_text("In a joint statement by France and Germany on Monday, the two governments criticised "
                       "Hungary. Russia's brutal attack on Kharkiv killed 12 people.")
    assert not any(t == "ACCUSES" and o == "RUS" for t, _, o in facts(row))
    # another statement's authors, named after the release has spoken as "we", are not its voice
    row = extract_text("Statement by the Press Secretary\n\nWe support the joint statement of ECOWAS and the "
                       "African Union, and we call on Mali to hold elections.")
    f = facts(row)
    assert ("CALLS_ON", "USA", "MLI") in f and not any(s != "USA" for t, s, _ in f if t == "CALLS_ON")


def test_the_states_a_statement_opens_with_are_its_we(extract_text):
    row = extract_text("Statement of the Foreign Ministers\n\nSpain, Italy and Greece welcome resolution 2720. "
                       "We call on Hamas to release the hostages.")
    assert {("CALLS_ON", s, "Hamas") for s in ("ESP", "ITA", "GRC")} <= facts(row)


def test_a_report_in_the_past_tense_is_no_statement(extract_text):
    row = extract_text("Spain, Italy and Greece welcomed the vote on Monday. \"We call on Hamas to release the "
                       "hostages,\" the Spanish minister said.")
    assert not any(s in ("ITA", "GRC") and t == "CALLS_ON" for t, s, _ in facts(row))


def test_one_signing_body_or_state(extract_text):
    assert ("ACCUSES", "Group of Seven", "RUS") in facts(extract_text(
        "We, the leaders of the G7, condemn Russia for its attacks on Ukraine's power plants."))
    row = extract_text("Statement by the Government of Ghana\n\nWe, the Government of Ghana, call on Mali to "
                       "reverse its decision.")
    assert ("CALLS_ON", "GHA", "MLI") in facts(row)


# ---- the issuer of a release ----

def test_a_foreign_official_in_the_first_lines_is_not_the_issuer(extract_text):
    row = extract_text("Fact Sheet: New Export Controls\n\nLast week Iranian Foreign Minister Parviz Rahimi announced "
                       "an expansion of enrichment. Today we call on Iran to halt it.")
    assert not any(s == "IRN" for t, s, _ in facts(row) if t == "CALLS_ON")
    row = extract_text("Statement by the Ministry of Foreign Affairs of Guyana\n\nVenezuelan Foreign Minister Ana "
                       "Rojas accused Guyana of provocation. We call on Venezuela to respect the ruling.")
    assert ("CALLS_ON", "GUY", "VEN") in facts(row)


def test_a_byline_of_a_former_official_or_a_call_partner_is_not_the_issuer(extract_text):
    row = extract_text("Opinion: Why Europe must act\n\nBy Jane Doe, former ambassador to Iran\n\n"
                       "We call on Iran to stop the executions.")
    assert not any(t == "CALLS_ON" for t, _, _ in facts(row))
    row = extract_text("Readout of the Call between Secretary of State Paul Hanley and Iranian Foreign Minister "
                       "Ali Karimi\n\nWe urged Iran to release the detained Americans.")
    assert ("CALLS_ON", "USA", "IRN") in facts(row)


def test_a_publisher_line_sets_the_issuer_without_we(extract_text):
    row = extract_text("Office of the Spokesperson\n\nRemarks by Spokesperson Dana Fox\n\n"
                       "Secretary Kessler met Kenya's foreign minister in Nairobi.")
    assert officials(row) == {"Dana Fox": "USA", "Kessler": "USA"}
    row = extract_text("White House weighs response\n\nWASHINGTON (AP) - Senator Mark Dunn said the administration "
                       "had waited too long.")
    assert officials(row).get("Mark Dunn") is None  # a news headline publishes nothing


# ---- officials of the issuer, and of others ----

def test_an_envoy_for_a_state_serves_the_issuer(extract_text):
    row = extract_text("Statement by the Foreign Secretary\n\nOur Special Representative for Mali, Paul Dube, "
                       "condemned Mali's expulsion of the observers.")
    assert officials(row)["Paul Dube"] == "GBR"
    assert ("ACCUSES", "Paul Dube", "MLI") in facts(row)  # no longer his own state
    row = extract_text("Norway's special envoy for Afghanistan, Lars Dahl, met Taliban officials in Kabul.")
    assert officials(row)["Lars Dahl"] == "NOR"
    row = extract_text("Tariq Mansour, spokesman for the Egyptian foreign ministry, rejected the plan.")
    assert officials(row)["Tariq Mansour"] == "EGY"  # a state modifying a body after "for" is served


def test_un_officials_and_foreign_heads_keep_no_issuer_state(extract_text):
    row = extract_text("Statement by the Press Secretary\n\nUN Special Envoy for Yemen Hans Grundberg met Houthi "
                       "negotiators. We thank UN Special Adviser Maria Gonzalez. President Lukas Varga must release "
                       "the journalists. Special Envoy Laura Ortiz will travel to Muscat.")
    assert officials(row) == {"Hans Grundberg": None, "Maria Gonzalez": None, "Lukas Varga": None,
                              "Laura Ortiz": "USA"}


# ---- holders whose term covers the text ----

def test_a_past_official_needs_the_first_name_and_a_term_the_text_speaks_of(extract_text):
    row = extract_text("In 1978 Secretary Griffin Bell met the Mexican delegation.", date(2024, 3, 6))
    assert officials(row)["Griffin Bell"] == "USA"  # the year named, not the article's date
    row = extract_text("Secretary Griffin Bell met the Mexican delegation.", date(2024, 3, 6))
    assert officials(row)["Griffin Bell"] is None  # no term covers 2024
    # a president keeps the title in later writing
    row = extract_text("President Richard Nixon urged Israel to accept the ceasefire.", date(2024, 3, 6))
    assert officials(row)["Richard Nixon"] == "USA"
    row = extract_text("Statement on Darfur\n\nDeputy Spokesperson Harriet Moore condemned the attack.")
    assert officials(row)["Harriet Moore"] is None


def test_a_leaders_table_term_given_by_years_ends(extract_text):
    # the table dates a UN ambassador's term 2009-2015 by years only: not an office of 2024
    row = extract_text("Ambassador Mark Lyall Grant met the delegation.", date(2024, 3, 6))
    assert officials(row)["Mark Lyall Grant"] is None
    row = extract_text("Ambassador Mark Lyall Grant met the delegation.", date(2012, 3, 6))
    assert officials(row)["Mark Lyall Grant"] == "GBR"
