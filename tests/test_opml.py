"""OPML import and export: a reader's export read into [[feeds]] tables that load as config,
duplicates reported, an export imported back giving the same feeds, and hostile files refused
with a clear error. Through the real command on real files."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.config import FeedConfig, load_config
from bot.opml import MAX_OPML_BYTES, OpmlError, plan_import, read_opml
from tests.conftest import DATA, REPO

EXPORT = DATA / "reader-export.opml"


def newsalert(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=60)


CONFIG = """
[bot]
interval = "15m"

[[feeds]]
id = "bbc"
url = "https://feeds.bbci.co.uk/news/world/rss.xml/"

[[feeds]]
id = "local"
path = "wire.xml"

[topics.icc]
people = ["Benjamin Netanyahu"]
"""


def test_a_reader_export_is_read_with_its_nested_outlines() -> None:
    outlines = read_opml(EXPORT.read_bytes())
    assert [o.url for o in outlines] == [
        "https://www.lemonde.fr/international/rss_full.xml",
        "http://feeds.bbci.co.uk/news/world/rss.xml",
        "https://feeds.bbci.co.uk/news/world/europe/rss.xml",
        "https://www.icc-cpi.int/feeds/press-releases.xml",
        "https://wire.example.org/feed.json",
        "feed://podcasts.example.org/court.xml",
        "https://news.example.net/atom",
    ]
    assert outlines[0].title == "Le Monde – International"


def test_import_prints_feeds_that_load_and_reports_duplicates(write_config, tmp_path) -> None:
    config = write_config(CONFIG)
    result = newsalert("feeds", "import", str(EXPORT), "--config", str(config))
    assert result.returncode == 0, result.stderr
    # The config has the BBC world feed (another scheme, a trailing slash): left out, reported.
    assert "http://feeds.bbci.co.uk/news/world/rss.xml is already configured as feed 'bbc'" \
        in result.stderr
    tables = tomllib.loads(result.stdout)["feeds"]
    assert [t["id"] for t in tables] == [
        "le-monde-international", "bbc-news-world", "icc-press-releases", "wire-json",
        "untitled-feed"]
    assert tables[1]["url"] == "https://feeds.bbci.co.uk/news/world/europe/rss.xml"
    assert "# skipped 'feed://podcasts.example.org/court.xml': not an http(s) address" \
        in result.stdout
    # Pasted into the config, they load, beside the feeds already there.
    merged = write_config(CONFIG + "\n" + result.stdout, name="merged.toml")
    assert [f.id for f in load_config(merged).feeds] == ["bbc", "local"] + [
        t["id"] for t in tables]


def test_ids_from_titles_are_unique_among_the_config_and_the_file() -> None:
    outlines = read_opml(b"""<opml version="2.0"><body>
        <outline text="BBC" xmlUrl="https://a.example.org/rss"/>
        <outline text="BBC" xmlUrl="https://b.example.org/rss"/>
        <outline text="\xe2\x80\x94" xmlUrl="https://c.example.org/rss"/>
        <outline text="Same" xmlUrl="https://a.example.org/rss"/>
        </body></opml>""")
    existing = (FeedConfig("bbc", "https://other.example.org/", None, 600.0),)
    plan = plan_import(outlines, existing, 600.0)
    assert [f.id for f in plan.feeds] == ["bbc-2", "bbc-3", "c-example-org"]
    assert plan.duplicates == (("https://a.example.org/rss", "bbc-2"),)


def test_an_export_imported_back_gives_the_same_feeds(write_config, tmp_path) -> None:
    config_path = write_config(CONFIG + """
[[feeds]]
id = "lemonde"
url = "https://www.lemonde.fr/international/rss_full.xml"
title = "Le Monde & <International>"
interval = "5m"

[[feeds]]
id = "wire.json"
url = "https://wire.example.org/feed.json?lang=en&format=json"
""")
    exported = newsalert("feeds", "export", "--config", str(config_path))
    assert exported.returncode == 0, exported.stderr
    assert "left out 1 local feeds" in exported.stderr and "local" in exported.stderr
    assert exported.stdout.startswith("<?xml") and 'version="2.0"' in exported.stdout
    opml = tmp_path / "export.opml"
    opml.write_text(exported.stdout, encoding="utf-8")
    imported = newsalert("feeds", "import", str(opml))
    assert imported.returncode == 0, imported.stderr
    back = write_config(CONFIG.split("[[feeds]]")[0] + imported.stdout + """
[topics.icc]
people = ["Benjamin Netanyahu"]
""", name="back.toml")
    original = [f for f in load_config(config_path).feeds if f.url]
    assert load_config(back).feeds == tuple(original)


@pytest.mark.parametrize(("body", "words"), [
    (b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>""",
     "declares a DOCTYPE or entities"),
    (b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <opml><body><outline text="&x;" xmlUrl="https://x.example/"/></body></opml>""",
     "declares a DOCTYPE or entities"),
    (b"<opml><body><outline text='a' xmlUrl='https://x.example/'></body></opml>",
     "not well-formed XML"),
    (b"<rss version='2.0'><channel/></rss>", "the root element is not <opml>"),
    (b"<opml version='2.0'><head/></opml>", "it has no <body>"),
    (b"<opml><body>" + b"<outline text='x' xmlUrl='https://x.example/'/>" * 120_000
     + b"</body></opml>", "more than the 5 MB"),
], ids=["entity-expansion", "external-entity", "broken-xml", "not-opml", "no-body", "too-large"])
def test_hostile_or_broken_opml_gets_a_clear_error(body: bytes, words: str,
                                                    tmp_path: Path) -> None:
    assert len(body) < MAX_OPML_BYTES or words.startswith("more than")
    with pytest.raises(OpmlError, match=words):
        read_opml(body)
    path = tmp_path / "bad.opml"
    path.write_bytes(body)
    result = newsalert("feeds", "import", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"newsalert: {path}: ") and words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    result = newsalert("feeds", "import", str(tmp_path / "none.opml"))
    assert result.returncode == 2
    assert "none.opml: cannot read: No such file or directory" in result.stderr


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.opml"
    with huge.open("wb") as file:  # 4 GB, sparse: reading it whole would take the memory
        file.write(b"<opml><body>")
        file.truncate(4 * 2**30)
    result = newsalert("feeds", "import", str(huge))
    assert result.returncode == 2
    assert f"{huge}: the file is 4,294,967,296 bytes, more than the 5 MB" in result.stderr
