"""Accusations, demands and threats made by evaluation rather than by a verb (issue 28,
item 3): in whose voice, with the negatives that must give nothing."""
from __future__ import annotations

import pytest

from conftest import facts


@pytest.mark.parametrize("text, expected", [
    ("Hungary's obstruction of the aid package for Ukraine is shameful, the Dutch prime minister said.",
     ("ACCUSES", "NLD", "HUN")),
    ("Joint Statement of Japan and Australia\n\nWe are deeply concerned by China's dangerous manoeuvres "
     "in the South China Sea.", ("ACCUSES", "JPN", "CHN")),
    ("Statement by the Ministry of Foreign Affairs of Ireland\n\nRussia must withdraw its troops from Moldova.",
     ("CALLS_ON", "IRL", "RUS")),
    ("It is time for Eritrea to pull its troops out of Tigray, Ethiopia's government said.",
     ("CALLS_ON", "ETH", "ERI")),
    ('"Our patience with Minsk is running out," Lithuanian President Rasa Jankauskiene said. '
     '"Belarus will pay a price for every provocation."', ("THREATENS", "Rasa Jankauskiene", "BLR")),
])
def test_an_evaluation_in_someones_voice_states_the_relation(extract_text, text, expected):
    assert expected in facts(extract_text(text))


@pytest.mark.parametrize("text", [
    "Japan's generous aid to Tonga is admirable, the Australian foreign minister said.",  # praise
    "Critics called Russia's invasion brutal and senseless.",                             # nobody's judgement
    "Should Serbia send troops into the north, NATO would respond, its secretary general said.",  # condition
    "Statement by the Ministry of Foreign Affairs of Ireland\n\nWe must do more for refugees.",   # the voice itself
])
def test_praise_unowned_criticism_and_conditions_state_nothing(extract_text, text):
    got = {f for f in facts(extract_text(text)) if f[0] in ("ACCUSES", "CALLS_ON", "THREATENS")}
    assert not got, got
