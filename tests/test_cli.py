"""The newsalert command, run as a user runs it: a real subprocess on real files."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO


def newsalert(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example config and its sample feeds, so runs write their database there."""
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    return tmp_path / "config.toml"


def test_run_once_alerts_then_remembers(example: Path) -> None:
    first = newsalert("run", "--once", "--config", str(example), cwd=example.parent)
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert out.count("─" * 72) == 3
    assert "Netanyahu 'now officially a wanted man' after ICC warrants" in out
    assert "gallant reject icc prosecutor" in out
    # The wire's report of the ICC warrants (November) and the archive's report of the
    # prosecutor's application (May) share their cast, not their event: two alerts, no reply.
    assert out.count("Also reported by ") == 0 and out.count("↳ reply to console-") == 0
    assert re.findall(r"\[alerts (console-\d+)\]", out) == ["console-1", "console-2",
                                                             "console-3"]
    assert "Human rights court rules Poland" in out
    assert "Champions Trophy" not in out  # excluded: cricket
    assert "Power returns to Hama" not in out  # Hama is not Hamas
    assert (example.parent / "newsalert.db").exists()

    second = newsalert("run", "--once", "--config", str(example), cwd=example.parent)
    assert second.returncode == 0, second.stderr
    assert second.stdout == ""
    assert "feed.polled" in first.stderr
    assert "feed.polled" not in second.stderr  # unchanged files are not parsed again


def test_run_until_sigterm(example: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--config", str(example)],
                            cwd=example.parent, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            if (example.parent / "newsalert.db").exists() and b"delivery.sent" in \
                    _peek(example.parent):
                break
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert out.count("─" * 72) == 3
    assert "event=bot.started" in err and "event=bot.stopping" in err


def _peek(folder: Path) -> bytes:
    """Whether the running bot has delivered yet, read from its database."""
    import sqlite3
    try:
        conn = sqlite3.connect(folder / "newsalert.db", timeout=1)
        n = conn.execute("SELECT count(*) FROM deliveries WHERE status = 'sent'").fetchone()[0]
        conn.close()
    except sqlite3.Error:
        return b""
    return b"delivery.sent" if n >= 3 else b""


def test_check_config_summary_and_errors(example: Path, tmp_path: Path) -> None:
    ok = newsalert("check-config", "--config", str(example), cwd=tmp_path)
    assert ok.returncode == 0
    assert "feeds: 2 (0 by URL, 2 local files)" in ok.stdout
    assert "topics: 2 with" in ok.stdout and "adapters on: console" in ok.stdout
    assert "stories: a later article of a story within 3d is a threaded follow-up" in ok.stdout
    assert "delivery to console:alerts: instant; more than 5 alerts within 10m go out as one " \
           "digest" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[bot]\ninterval = "soon"\n')
    fail = newsalert("check-config", "--config", str(bad), cwd=tmp_path)
    assert fail.returncode == 2
    assert "bot.interval: expected a duration" in fail.stderr and str(bad) in fail.stderr


def test_analyze_json_contract(example: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.json"
    article.write_text(json.dumps({"title": "T", "text": "Nothing to see.", "url": "https://x.org/1"}))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": "ok", "text": "fine"}\n{not json\n')
    result = newsalert("analyze", str(DATA / "afp-icc-warrants.txt"), str(broken),
                       str(DATA / "bbc-gallant-rejects-stemmed.txt"), str(article),
                       "--config", str(example), "--json", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{broken}: line 2: not JSON" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # The broken line is reported; the file's good line and the other files are analyzed.
    assert len(rows) == 4 and rows[1]["title"] == "ok"
    afp, _, bbc, plain = rows
    assert set(afp) >= {"title", "url", "text_form", "topics", "summary", "figures", "quotes"}
    assert afp["text_form"] == "raw" and bbc["text_form"] == "stemmed"
    assert afp["topics"][0]["topic"] == "icc"
    names = {m["name"] for m in afp["topics"][0]["matches"]}
    assert {"Benjamin Netanyahu", "International Criminal Court", "Hamas"} <= names
    match = afp["topics"][0]["matches"][0]
    assert set(match) >= {"kind", "name", "count", "evidence"}
    assert plain == {**plain, "title": "T", "url": "https://x.org/1", "topics": []}


def test_analyze_reads_feed_files(example: Path) -> None:
    result = newsalert("analyze", "examples/feeds/world.xml", "--config", str(example), "--json",
                       cwd=example.parent)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5
    assert [bool(r["topics"]) for r in rows] == [True, False, False, True, False]


def test_analyze_missing_file(example: Path, tmp_path: Path) -> None:
    result = newsalert("analyze", str(tmp_path / "nope.txt"), "--config", str(example),
                       cwd=tmp_path)
    assert result.returncode == 1 and "nope.txt: cannot read" in result.stderr


def test_status_reports_feeds_and_channels(example: Path) -> None:
    newsalert("run", "--once", "--config", str(example), cwd=example.parent)
    result = newsalert("status", "--config", str(example), cwd=example.parent)
    assert result.returncode == 0, result.stderr
    assert "2 feeds, 2 topics; 3 alerts sent today" in result.stdout
    assert "• world-wire: last poll" in result.stdout
    assert "• console:alerts: 3 sent, 0 pending, 0 failed" in result.stdout


def test_check_config_names_what_loads_but_cannot_work(example: Path, tmp_path: Path) -> None:
    config = example.read_text().replace('path = "examples/feeds/world.xml"',
                                         'path = "examples/feeds/wrold.xml"')
    config += '\n[[subscriptions]]\nchannel = "slack:C0123ABC"\ntopics = ["icc"]\n'
    example.write_text(config)
    result = newsalert("check-config", "--config", str(example), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{example}: loads, but 2 problems (below)\n")
    assert "subscriptions: 3 topic subscriptions in 2 channels" in result.stdout
    wrong = example.parent / "examples" / "feeds" / "wrold.xml"
    assert result.stderr.splitlines() == [
        f"newsalert: {example}: feeds[0] (world-wire).path: no such file: {wrong}",
        f"newsalert: {example}: subscription slack:C0123ABC: adapters.slack is not enabled, "
        "so it gets no alerts",
    ]


def test_check_config_names_an_unset_variable_in_a_feed_url(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[feeds]]\nid = "wire"\nurl = "https://x.org/rss?key=${NEWSALERT_NO_KEY}"'
                      '\n[topics.t]\npeople = ["A B"]\n')
    result = newsalert("check-config", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"newsalert: {config}: feeds[0] (wire).url: environment variable "
                             "NEWSALERT_NO_KEY is not set\n")


def test_run_once_reports_failed_feeds_and_still_delivers(example: Path) -> None:
    example.write_text(example.read_text() + '\n[[feeds]]\nid = "gone"\npath = "gone.xml"\n')
    result = newsalert("run", "--once", "--config", str(example), "--log-level", "WARNING",
                       cwd=example.parent)
    assert result.returncode == 1
    assert result.stdout.count("─" * 72) == 3  # the other feeds' alerts all went out
    assert "event=feed.failed" in result.stderr and "event=feed.polled" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last == (f"newsalert: 1 of 3 feeds failed: gone (cannot read "
                    f"{example.parent / 'gone.xml'}: No such file or directory)")
    assert "Traceback" not in result.stderr


def test_analyze_reports_each_bad_input_and_reads_the_rest(example: Path, tmp_path: Path
                                                           ) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "mixed.jsonl").write_text(
        '{"text": "The ICC said Benjamin Netanyahu is wanted."}\n{"title": 1}\n'
        '{"title": "Rain", "text": "It rained."}\n')
    files = ["empty.txt", "image.png", "missing.txt", "mixed.jsonl"]
    result = newsalert("analyze", *files, "--config", str(example), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "newsalert: empty.txt: the file is empty",
        "newsalert: image.png: a binary file, not a text, JSON or RSS/Atom file",
        "newsalert: missing.txt: cannot read: No such file or directory",
        'newsalert: mixed.jsonl: line 2: the object has no "text" string',
    ]
    first, second = result.stdout.strip().split("\n\n")
    # A record with no title is headed by its lead.
    assert first.startswith("The ICC said Benjamin Netanyahu is wanted.\nmixed.jsonl\n"
                            "Matched icc: People: Benjamin Netanyahu")
    assert second == "Rain\nmixed.jsonl\n(no topic alerts)"


def test_check_config_names_a_config_that_can_post_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[adapters.console]\nenabled = false\n[topics.t]\npeople = ["A B"]\n')
    result = newsalert("check-config", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"newsalert: {config}: no [[feeds]]: nothing is polled",
        f"newsalert: {config}: no adapter is enabled: alerts go nowhere",
        f"newsalert: {config}: no [[subscriptions]]: no channel gets alerts until a slash "
        "command subscribes one",
    ]


def test_a_missing_config_file_says_how_to_give_one(tmp_path: Path) -> None:
    result = newsalert("run", "--once", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "newsalert: config.toml: cannot read the config file: No such file or directory",
        "newsalert: give the config file with --config FILE, or write a starter config.toml "
        "with: newsalert init",
    ]
    assert not (tmp_path / "newsalert.db").exists()


def test_run_once_names_the_first_failed_feeds_and_counts_the_rest(example: Path) -> None:
    example.write_text(example.read_text() + "".join(
        f'\n[[feeds]]\nid = "gone{i}"\npath = "gone{i}.xml"\n' for i in range(5)))
    result = newsalert("run", "--once", "--config", str(example), cwd=example.parent)
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("newsalert: 5 of 7 feeds failed: gone0 (cannot read ")
    assert last.count("No such file or directory") == 3
    assert last.endswith(f"; and 2 more (newsalert status --config {example} lists them)")


def test_analyze_stories_shows_each_grouping_decision_and_why(example: Path) -> None:
    feeds = example.parent / "examples" / "feeds"
    result = newsalert("analyze", "--config", str(example), "--stories",
                       str(feeds / "world.xml"), str(feeds / "archive-stemmed.xml"),
                       str(DATA / "afp-icc-warrants.txt"), cwd=example.parent)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1. Netanyahu 'now officially a wanted man' after ICC warrants, says Amnesty"
    # The archive's report of another event of the same cast starts its own story, and says
    # what came closest; the wire text again, as a local file, joins the first.
    archive = lines.index("3. isra defenc minist gallant reject icc prosecutor ' s warrant bid")
    assert lines[archive + 1].startswith("   new story (closest: article 1, shared event terms:")
    assert lines[-1].startswith("   joins story 1 (Netanyahu 'now officially a wanted man'")
    assert "shared event terms: " in lines[-1] and "agreement" in lines[-1]


def test_analyze_stories_with_nothing_alerting_says_so(example: Path, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Bakery wins bread award\nA sourdough from the coast beat 400 entries.\n",
                     encoding="utf-8")
    result = newsalert("analyze", "--config", str(example), "--stories", str(quiet),
                       cwd=example.parent)
    assert result.returncode == 0 and result.stdout == "no article alerts, so none is grouped\n"
