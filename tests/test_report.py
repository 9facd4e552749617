"""``newsalert report`` on a real store (a SQLite file and a PostgreSQL schema): alerts raised by
the real matcher from short articles written for these tests, some marked "not relevant", and
the suggestions the report prints for them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from bot.analysis import analyze
from bot.config import load_config
from bot.matching.matcher import compile_topics
from bot.models import Alert, Article, Entry
from bot.storage.interface import Store
from bot.storage.records import FeedbackMark
from tests.conftest import Backend
from tests.test_cli import newsalert

DESK = Path(__file__).parent / "data" / "desk" / "marked.jsonl"
CONFIG = """
[bot]
database = {database}

[[feeds]]
id = "wire"
path = "wire.xml"

[topics.shootings]
title = "Shootings"
events = ["shot"]

[topics.leaders]
title = "Party leaders"
people = ["Gordon Brown", "Tony Blair"]

[adapters.console]

[[subscriptions]]
channel = "console:desk"
topics = ["shootings", "leaders"]
"""


def desk_config(write_config: Callable[[str], Path], database: str | Path) -> Path:
    return write_config(CONFIG.format(database=json.dumps(str(database))))


def fill_desk(store: Store, config_path: Path, when: float) -> dict[str, int]:
    """Raise the desk's alerts with the config's matcher, store each with its text, and mark the
    wrong ones not relevant in console:desk; the alert ids by title."""
    matcher = compile_topics(load_config(config_path).topics)
    ids = {}
    rows = [json.loads(line) for line in DESK.read_text(encoding="utf-8").splitlines()]
    for n, row in enumerate(rows):
        analysis = analyze(Article(row["title"], row["text"], f"https://news.example/{n}"),
                           matcher)
        assert analysis.topics, row["title"]
        entry = Entry("wire", f"e{n}", row["title"], f"https://news.example/{n}", None,
                      row["text"])
        alert = Alert("wire", f"e{n}", "Wire", row["title"], entry.link, None, "raw",
                      analysis.topics, analysis.extraction)
        alert_id, = store.commit_entries("wire", [entry], [(alert, ["console:desk"])], when)
        ids[row["title"]] = alert_id
        if row["desk"] == "wrong":
            mentions = tuple(f for t in analysis.topics for m in t.matches for f in m.evidence)
            assert store.record_feedback(FeedbackMark(alert_id, "console:desk", row["topic"],
                                                      "not_relevant", "U7", when + 60,
                                                      mentions))
    return ids


def test_the_report_lists_the_marks_and_suggestions_with_what_each_would_have_done(
        backend: Backend, write_config: Callable[[str], Path], tmp_path: Path) -> None:
    config = desk_config(write_config, backend.database)
    fill_desk(backend.open(), config, time.time() - 3600)
    result = newsalert("report", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("What the desk taught, the last 30 days:")
    shootings = out[out.index("== shootings"):out.index("== leaders")]
    assert "== shootings (Shootings): 3 alerts marked not relevant of 6 raised" in shootings
    assert "  - Carr settles it late for United <https://news.example/0>" in shootings
    assert "    matched on: shot" in shootings and "    marked in: console:desk" in shootings
    assert "Suggestions, matched again on 3 marked and 3 unmarked alerts:\n  Only 3 unmarked " \
           "alerts to check against: a change that loses none of them may still lose" in shootings
    assert "  1. add \"keeper\" to exclude (broad)\n     removes 3 of 3 marked, loses none " \
           "unmarked\n     | [topics.shootings]\n     | exclude = [\"keeper\"]" in shootings
    assert "(broad): narrows the topic beyond the marked alerts' own wording" in shootings
    assert "min_prominence = \"headline\" (broad)\n     removes 3 of 3 marked, loses 1 unmarked " \
           "(read them before applying: Police appeal over attack)" in shootings
    leaders = out[out.index("== leaders"):]
    assert "surname = false for Gordon Brown\n     removes 2 of 2 marked, loses none" in leaders
    assert '| people = [{ name = "Gordon Brown", surname = false }, "Tony Blair"]' in leaders
    assert "Nothing was changed" in leaders


def test_the_report_keeps_to_its_window_and_topic(
        backend: Backend, write_config: Callable[[str], Path], tmp_path: Path) -> None:
    config = desk_config(write_config, backend.database)
    fill_desk(backend.open(), config, time.time() - 3 * 86400)
    recent = newsalert("report", "--config", str(config), "--days", "1", cwd=tmp_path)
    assert recent.returncode == 0, recent.stderr
    assert recent.stdout.strip() == "No alert was marked not relevant in the last 1 day."
    one = newsalert("report", "--config", str(config), "--days", "7", "--topic", "leaders",
                    cwd=tmp_path)
    assert one.returncode == 0, one.stderr
    assert "== leaders" in one.stdout and "== shootings" not in one.stdout


def test_bad_arguments_are_named(write_config: Callable[[str], Path], tmp_path: Path) -> None:
    config = desk_config(write_config, tmp_path / "news.db")
    unknown = newsalert("report", "--config", str(config), "--topic", "sport", cwd=tmp_path)
    assert unknown.returncode == 2
    assert "topic 'sport' is not in" in unknown.stderr and "(topics: shootings, leaders)" in \
        unknown.stderr
    days = newsalert("report", "--config", str(config), "--days", "0", cwd=tmp_path)
    assert days.returncode == 2
    assert "--days: expected a positive number of days, got '0'" in days.stderr
    missing = newsalert("report", "--config", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert missing.returncode == 2 and "nope.toml" in missing.stderr
