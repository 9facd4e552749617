"""The console rendering of an alert: summary, figures and quotes."""

from __future__ import annotations

import dataclasses

from bot.models import Extraction, Figure, Quote
from bot.render import QUOTE_CHARS, render_followup, render_text, shorten
from tests.test_store import alert


def test_figures_and_quotes_are_listed_one_a_line() -> None:
    text = render_text(dataclasses.replace(alert(1), extraction=Extraction(
        summary=("First.",),
        figures=(Figure("at least 44,056 people had been killed", 44056, "people"),
                 Figure("a reward of $5 million", 5_000_000, None, "USD")),
        quotes=(Quote("Prime Minister Netanyahu is now officially a wanted man",
                      "Agnes Callamard"), Quote("We will not give in", None)))))
    lines = text.splitlines()
    figures = lines.index("Figures:")
    assert lines[figures + 1:figures + 3] == ["  • at least 44,056 people had been killed",
                                              "  • a reward of $5 million"]
    quotes = lines.index("Quotes:")
    assert lines[quotes + 1:] == [
        "  • “Prime Minister Netanyahu is now officially a wanted man” — Agnes Callamard",
        "  • “We will not give in” — speaker unknown"]


def test_long_quotes_are_cut_at_a_word() -> None:
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short", 12) == "short"


def test_a_followup_words_quotes_as_the_alert_does() -> None:
    long_quote = "We urge all member states " + "to act " * 80
    text = render_followup(dataclasses.replace(alert(1), extraction=Extraction(
        quotes=(Quote(long_quote, None), Quote("He is a wanted man now", "Agnes Callamard")))))
    first, second = [line for line in text.splitlines() if line.startswith("New quote: ")]
    assert first.endswith("…” — speaker unknown")
    assert len(first) < QUOTE_CHARS + len("New quote: “” — speaker unknown")
    assert second == "New quote: “He is a wanted man now” — Agnes Callamard"


def test_clip_keeps_short_text_and_cuts_long_text_to_the_limit() -> None:
    from bot.render import clip

    assert clip("short", 10) == "short"
    assert clip("exactly10!", 10) == "exactly10!"
    cut = clip("a long headline that must be cut", 12)
    assert len(cut) == 12 and cut.endswith("…") and cut == "a long head…"
    assert clip("word    gap here", 9) == "word…"  # no blanks left before the ellipsis


def test_a_standfirst_without_a_stop_does_not_run_into_the_next_sentence() -> None:
    summary = ("Convicted man posted video of attack on Facebook",
               "The government has denounced an “abject act of terrorism”.",
               "He was shot by police")
    text = render_text(dataclasses.replace(alert(1), extraction=Extraction(summary=summary)))
    assert ("Summary: Convicted man posted video of attack on Facebook. The government has "
            "denounced an “abject act of terrorism”. He was shot by police") in text
