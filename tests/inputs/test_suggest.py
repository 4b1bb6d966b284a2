"""Key suggestions ("mente du ...?") only for a plausible typo (user-trial finding)."""

from __future__ import annotations

import pytest

from som_xl.errors import InputError, suggest
from som_xl.inputs import parse_scenario
from som_xl.present._example import EXAMPLE


def _message(**extra: object) -> str:
    with pytest.raises(InputError) as exc:
        parse_scenario({**EXAMPLE, **extra}, "f.yaml")
    return exc.value.text()


def test_a_one_letter_typo_names_the_key_and_only_it() -> None:
    text = _message(succes_rate=0.3)
    # difflib at 0.5 also offered 'discount_rate' (0.58) and 'resources' (0.5)
    assert "mente du 'success_rate'?" in text


def test_a_far_off_key_gets_no_suggestion() -> None:
    text = _message(rente=0.035)  # difflib at 0.5 offered 'price_index' (0.5): misleading
    assert "ukendt nøgle" in text and "mente du" not in text


def test_short_words() -> None:
    assert suggest("fn", ["fm", "fast"]) == "mente du 'fm'?"  # one edit, similarity 0.5
    assert suggest("lowe", ["low", "mode", "high"]) == "mente du 'low'?"  # not 'mode'
    assert suggest("hgih", ["low", "mode", "high"]) == "mente du 'high'?"  # swapped letters
    assert suggest("Kommunen", ["kommune", "region", "stat"]) == "mente du 'kommune'?"
    assert suggest("abc", ["kommune", "region", "stat"]).startswith("kendte værdier")
