"""Extraction takes any text: it never fails, and what it returns is bounded and comes from
the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import MAX_FIGURES, MAX_QUOTES, extract
from bot.models import Article

# Text made of the pieces the rules look at, in any order and number.
PIECES = st.sampled_from([
    " ", "\n\n", ".", ",", ":", '"', "“", "”", "``", "''", " . ", "Mr.", "U.S.", "said", "told",
    "he", "Smith", "Karim Khan", "the prosecutor", "$", "£", "€", "5", "1,206", "1 , 200",
    "million", "bn", "%", "people", "months", "aged", "-year-old", "(", ")", "—", "according to",
])
TEXT = st.lists(PIECES, max_size=80).map("".join) | st.text(max_size=400)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["raw", "stemmed"]))
def test_extract_never_fails_and_stays_within_bounds(text: str, form: str) -> None:
    result = extract(Article("title", text, text_form=form))  # type: ignore[arg-type]
    assert len(result.summary) <= 3
    # verbatim, but for the closing mark of a quotation the sentence leaves open
    assert all(s in text or s[:-1] in text and s[-1] in "”\"“" for s in result.summary)
    assert len(result.figures) <= MAX_FIGURES
    assert len(result.quotes) <= MAX_QUOTES
    for quote in result.quotes:
        assert quote.text.split()[0] in text
