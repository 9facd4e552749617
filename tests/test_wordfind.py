"""The word scans give the answers of the per-word patterns they replace, on the cases where
the two could part: word characters of other scripts, apostrophes, digits, underscores, stops
and words that open or close on punctuation."""

import re

import pytest

from bot.extract.wordfind import bounded, count_bounded, has_word, standalone

TEXTS = [
    "Brown said Mr Brown's plan was Brownian; brown.",
    "The FBI said fbi.gov was down. FBI",
    "Agnès Agnèsa xAgnès Agnès_ 'Agnès' Agnès",
    "G7 G77 the G7s F-16 A-16 7",
    "Smith & Co. said Co.op Co. Co.",
    "O'Neil's O'Neil O'Neill",
    "aaa aa a",
    "",
]
WORDS = ["Brown", "brown", "FBI", "fbi", "Agnès", "G7", "7", "Co.", "O'Neil", "aa", "a", "-16"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("word", WORDS)
def test_scans_agree_with_the_patterns(text: str, word: str) -> None:
    alone = rf"(?<!\w){re.escape(word)}(?!\w)"
    edged = rf"\b{re.escape(word)}\b"
    assert list(standalone(text, word)) == [m.start() for m in re.finditer(alone, text)]
    assert list(bounded(text, word)) == [m.start() for m in re.finditer(edged, text)]
    assert has_word(text, word) == bool(re.search(alone, text))
    assert count_bounded(text, word) == len(re.findall(edged, text))


def test_overlapping_places_count_once() -> None:
    assert list(standalone("aa aa", "aa")) == [0, 3]
    assert count_bounded("a.a.a", "a.a") == 1  # as findall: the second starts inside the first
