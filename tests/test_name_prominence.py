"""A name's own ``min_prominence``: read from the config, applied by the real matcher to that name
only, and suggested to a desk that marked the articles naming a company once in passing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from bot.suggestions import suggest

FILLER = ("Analysts said the figures were broadly in line with forecasts. "
          "The company said trading in the final weeks of the year had been steady. ")


def passing(name: str, title: str) -> Article:
    """An article about something else that names ``name`` once, after its lead."""
    return Article(title, "A small bakery chain in Leeds said its sales rose by a tenth. "
                   "Its founder thanked customers for their loyalty. " + FILLER +
                   f"The chain also sells its bread through {name}, as many do.")


def news(name: str, title: str) -> Article:
    return Article(title, f"{name} said on Tuesday its profits rose by a fifth. " + FILLER +
                   f"Shares in {name} closed higher.")


RETAIL = """
[topics.retail]
organizations = [{ name = "Amazon", min_prominence = "body" }, "Tesco"]
[topics.all_mentions]
organizations = ["Amazon"]
"""


def test_a_name_with_its_own_minimum_leaves_its_passing_mentions_out() -> None:
    config = parse_config(tomllib.loads(RETAIL), Path("config.toml"), {})
    retail = config.topic("retail")
    assert retail is not None
    assert [e.min_prominence for e in retail.organizations] == ["body", None]
    matcher = compile_topics(config.topics)

    def topics(article: Article) -> set[str]:
        return {m.topic for m in matcher.match(article)}

    # Amazon named once past the lead: only the topic that wants every mention of it alerts.
    assert topics(passing("Amazon", "Bakery sales rise")) == {"all_mentions"}
    # Tesco is held to the topic's own minimum, so its passing mention still counts.
    assert topics(passing("Tesco", "Bakery sales rise")) == {"retail"}
    # Amazon as the news counts for both.
    assert topics(news("Amazon", "Amazon profits rise")) == {"retail", "all_mentions"}


def test_a_bad_minimum_for_a_name_names_its_key() -> None:
    data = tomllib.loads('[topics.retail]\norganizations = [{ name = "Amazon", '
                         'min_prominence = "often" }]\n')
    with pytest.raises(ConfigError) as caught:
        parse_config(data, Path("config.toml"), {})
    assert "topics.retail.organizations[0].min_prominence" in str(caught.value)
    assert "'often'" in str(caught.value)


RETAILERS = Topic("retail", "Retail", organizations=(Entity("organization", "Amazon"),
                                                     Entity("organization", "Tesco")))


def desk(third: str, *more: Article) -> list[tuple[int, Article]]:
    """Three alerts naming a shop in passing (Amazon twice, then ``third``), the news of each
    shop, and ``more``."""
    return list(enumerate([
        passing("Amazon", "Bakery sales rise"), passing("Amazon", "Butcher opens third shop"),
        passing(third, "Cheese maker wins award"), news("Amazon", "Amazon profits rise"),
        news("Tesco", "Tesco warns on profits"), *more]))


def test_passing_mentions_of_one_company_are_suggested_away_for_that_company_only() -> None:
    topic = RETAILERS
    alerts = desk("Amazon", passing("Tesco", "Toy shop sales fall"))
    found = suggest(topic, alerts, marked={0, 1, 2})
    name = next(s for s in found.suggestions if s.kind == "name_prominence")
    assert name.value == "Amazon" and name.specific
    assert name.describe() == 'min_prominence = "body" for Amazon'
    assert name.removed == (0, 1, 2) and name.lost == ()  # Tesco in passing is still kept
    # The topic-wide minimum would lose the kept passing mention of Tesco.
    topic_wide = next(s for s in found.suggestions if s.kind == "min_prominence")
    assert 5 in topic_wide.lost and not topic_wide.specific
    # The snippet, pasted over the topic, is the change that was checked.
    assert 'organizations = [{ name = "Amazon", min_prominence = "body" }, "Tesco"]' in name.toml()
    pasted = parse_config(tomllib.loads(name.toml()), Path("config.toml"), {}).topic("retail")
    assert pasted is not None and pasted.organizations == name.topic.organizations
    assert found.together is None or name in found.together.parts


def test_one_marked_passing_mention_among_several_is_not_enough_to_apply_a_name_minimum() -> None:
    found = suggest(RETAILERS, desk("Tesco"), marked={0, 1, 2})
    assert found.together is not None
    applied = {p.value for p in found.together.parts if p.kind == "name_prominence"}
    # Two marked alerts name Amazon in passing: its minimum is specific, applied together.
    # Tesco in passing in one marked alert of three: broad, as a word of one alert would be.
    assert applied == {"Amazon"}
