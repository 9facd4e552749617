"""A topic's ``ignore`` phrases: a mention inside one does not count, the article's other
mentions of the topic still do (unlike ``exclude``, which vetoes the article)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_config
from bot.errors import ConfigError
from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic

LEADERS = Topic("leaders", "Tech leaders", people=(Entity("person", "Michael Dell"),
                                                   Entity("person", "Bill Gates")),
                ignore=("Dell laptop",))


def matched(topic: Topic, title: str, text: str) -> list[tuple[str, int]]:
    return [(m.name, m.count) for tm in compile_topics([topic]).match(Article(title, text))
            for m in tm.matches]


def test_a_mention_inside_an_ignore_phrase_does_not_count() -> None:
    assert matched(LEADERS, "Gadget sales", "She bought the Dell laptop last year.") == []


def test_the_articles_other_mentions_still_count() -> None:
    assert matched(LEADERS, "Gadget sales", "Bill Gates spoke at the show. She bought the Dell "
                   "laptop last year.") == [("Bill Gates", 1)]
    assert matched(LEADERS, "Founder steps down", "Michael Dell said he would step down. She "
                   "bought the Dell laptop last year.") == [("Michael Dell", 1)]


def test_an_exclude_term_vetoes_where_an_ignore_phrase_does_not() -> None:
    text = "Bill Gates spoke at the show. She bought the Dell laptop last year."
    vetoed = Topic(LEADERS.id, LEADERS.title, people=LEADERS.people, exclude=("Dell laptop",))
    assert matched(vetoed, "Gadget sales", text) == []


def test_an_ignore_phrase_of_one_topic_leaves_anothers_mentions() -> None:
    plain = Topic("plain", "Dell", people=(Entity("person", "Michael Dell"),))
    matcher = compile_topics([LEADERS, plain])
    # a bare surname counts alone in a headline only (one in the body needs another mention)
    found = matcher.match(Article("She bought the Dell laptop", "Sales rose last year."))
    assert [tm.topic for tm in found] == ["plain"]


def test_ignore_is_read_from_the_config_and_a_bad_term_names_its_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[topics.leaders]\npeople = ["Michael Dell"]\nignore = ["firms like Dell"]\n',
                    encoding="utf-8")
    assert load_config(path).topic("leaders").ignore == ("firms like Dell",)  # type: ignore[union-attr]
    path.write_text('[topics.leaders]\npeople = ["Michael Dell"]\nignore = ["firms", 3]\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert "topics.leaders.ignore" in str(exc.value)
