"""Banks named only as the employer of an analyst or economist a story quotes: the matcher's
``commentators = false`` and the suggestion of it. The sentences are those of BBC business
stories a banking desk marked not relevant, shortened."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from bot.suggestions import Suggestion, TopicSuggestions, suggest

BANKS = Topic("banks", "Banks", organizations=tuple(
    Entity("organization", name) for name in
    ("Barclays", "UBS", "Deutsche Bank", "Goldman Sachs", "Merrill Lynch", "Citigroup",
     "HSBC", "Morgan Stanley", "Bank of America", "BNP Paribas")))
QUIET = replace(BANKS, commentators=False)

LEAD = "The figures came out on Monday. Traders had expected them. "
"""Two sentences before the quote: the bank is named past the lead, in passing."""
QUOTED = {t: LEAD + x for t, x in {
    "India's rupee hits five-year high": "The rupee rose on Monday. \"People will come back to "
    "India,\" said Bhanu Baweja, a strategist at UBS. \"Money has moved out.\"",
    "Strong demand triggers oil rally": "Oil prices rose. \"Prices are beginning to set a new "
    "range,\" said energy analyst Orin Middleton of Barclays Capital.",
    "US retail sales surge": "Sales rose by 1.2%. \"Consumers remain willing to spend,\" UBS "
    "economist Maury Harris told Reuters.",
    "US crude prices surge": "Crude rose to $53. \"This market simply wants to go up,\" "
    "Citigroup Global Markets analyst Kyle Cooper told Reuters.",
    "High fuel prices hit profits": "Profits fell. Aviation analyst Nick Van den Brul of BNP "
    "Paribas described the results as \"pretty modest\".",
    "NVIDIA Buy": "Der Analyst UBS AG hat das Kursziel für NVIDIA Corp. angehoben.",
    "Wembley firm won't make a profit": "Shares fell. \"It has impacted on management "
    "credibility,\" Simon Wheatley, from Goldman Sachs, told Reuters.",
    "Markets steady": "The dollar held steady. \"Nothing fundamental has changed,\" said Jason "
    "Daw at Merrill Lynch.",
    "Singapore growth at 8.1%": "Growth slowed. \"Exports slowed,\" said Lian Chia Liang, "
    "economist at Deutsche Bank. Officials expect 4% growth this year.",
}.items()}
"""A bank named only as the employer of someone quoted on another subject."""

NEWS = {
    "Barclays profits hit record level": "Barclays said profits rose 20% to £4.6bn. "
    "According to analysts' forecasts, HSBC, the biggest UK bank, will report £9.4bn.",
    "Parmalat boasts doubled profits": "Its administrator sued Morgan Stanley, its former "
    "banker, to return 136m euros, the company said.",
    "Mexicans send $16bn home": "Remittances rose. Bank of America announced last week that it "
    "planned to eliminate transfer fees for some customers.",
    "Bank cuts jobs": "Deutsche Bank will cut 1,900 jobs, it said. Its chief economist Norbert "
    "Walter said the cuts were needed. \"Costs are too high,\" said John Reade, an analyst at "
    "UBS. Deutsche Bank shares rose.",
    "Yukos heading back to US courts": "Deutsche Bank asked the court to throw out the case. "
    "\"The risks are real,\" said Citigroup analyst Vadim Mitroshin. Deutsche Bank would have "
    "earned large fees.",
}
"""The banks' own news, some of it quoting an analyst too."""


def alerting(topic: Topic, articles: dict[str, str]) -> set[str]:
    matcher = compile_topics([topic])
    return {title for title, text in articles.items() if matcher.match(Article(title, text))}


def test_a_bank_named_only_as_a_commentators_employer_stops_counting() -> None:
    assert alerting(BANKS, QUOTED) == set(QUOTED)  # every one alerts as configured
    assert alerting(QUIET, QUOTED) == set()


def test_a_banks_own_news_still_counts_when_commentators_do_not() -> None:
    assert alerting(QUIET, NEWS) == set(NEWS)
    # The analyst's bank among them is left out, the bank of the news kept.
    found = compile_topics([QUIET]).match(Article("Bank cuts jobs", NEWS["Bank cuts jobs"]))
    assert [m.name for m in found[0].matches] == ["Deutsche Bank"]
    cited = compile_topics([BANKS]).match(Article("Bank cuts jobs", NEWS["Bank cuts jobs"]))
    assert {m.name: m.cited for m in cited[0].matches} == {"Deutsche Bank": False, "UBS": True}


def test_commentators_is_read_from_the_config_and_must_be_a_boolean() -> None:
    def topic(value: str) -> Topic | None:
        data = tomllib.loads(f'[topics.banks]\norganizations = ["UBS"]\n{value}')
        return parse_config(data, Path("config.toml"), {}).topic("banks")

    assert topic("").commentators is True  # type: ignore[union-attr]
    assert topic("commentators = false").commentators is False  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match=r"topics\.banks\.commentators: expected true or false"):
        topic('commentators = "no"')


def marks(quoted: int) -> tuple[list[tuple[int, Article]], set[int]]:
    """``quoted`` alerts of ``QUOTED`` marked, and the alerts of ``NEWS`` kept."""
    articles = [*((n, Article(t, x)) for n, (t, x) in enumerate(list(QUOTED.items())[:quoted])),
                *((100 + n, Article(t, x)) for n, (t, x) in enumerate(NEWS.items()))]
    return articles, set(range(quoted))


def test_marked_commentators_suggest_commentators_false() -> None:
    articles, marked = marks(len(QUOTED))
    found = suggest(BANKS, articles, marked)
    change = next(s for s in found.suggestions if s.kind == "commentators")
    assert change.specific and set(change.removed) == marked and change.lost == ()
    assert "commentators = false" in change.describe()
    assert found.suggestions[0] is change  # removes all, loses nothing: the best
    assert change.toml() == "[topics.banks]\ncommentators = false"
    table = tomllib.loads(change.toml())["topics"]["banks"]
    table |= {"title": "Banks", "organizations": [e.name for e in BANKS.organizations]}
    pasted = parse_config({"topics": {"banks": table}}, Path("config.toml"), {}).topic("banks")
    assert pasted == QUIET


def test_one_marked_commentator_of_several_marks_is_a_broad_change() -> None:
    articles, _ = marks(1)
    other = (50, Article("Soros bet", "Mr Soros, who took on the Bank of England in the 1990s "
                         "and won, warned Kazakhstan. Barclays was not involved."))
    found = suggest(BANKS, [*articles, other], {0, 50})
    change = next(s for s in found.suggestions if s.kind == "commentators")
    assert not change.specific  # one of two marked alerts named a bank so


def applied(found: TopicSuggestions) -> tuple[Suggestion, ...]:
    """What a desk applies: "together", or the one specific change that loses nothing."""
    if found.together is not None:
        return found.together.parts
    return tuple(s for s in found.suggestions if s.specific and not s.lost)[:1]


def test_words_around_a_commentators_employer_are_not_applied_with_commentators_false() -> None:
    articles, marked = marks(len(QUOTED))
    found = suggest(BANKS, articles, marked)
    values = {s.value.lower() for s in applied(found)}
    # "Barclays Capital" and "UBS AG" are the bank itself, in its own unit's name, as its own
    # news may name it: commentators = false leaves these mentions out instead.
    assert "false" in values
    assert not any(v.startswith(("barclays capital", "analyst ubs", "ubs ag", "citigroup "))
                   for v in values)


def test_a_commentators_employer_gives_no_name_its_own_minimum() -> None:
    articles, marked = marks(len(QUOTED))
    found = suggest(BANKS, articles, marked)
    # UBS is named in passing in three marked alerts, each time as an analyst's employer:
    # commentators = false leaves those out, a minimum for UBS would drop its news too.
    assert not any(s.kind == "name_prominence" and s.specific for s in found.suggestions)
    applied = found.together.parts if found.together else ()
    assert not any(s.kind == "name_prominence" for s in applied)
