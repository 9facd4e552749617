"""The archive on both backends: full-text search over the stored articles, ranked and paged,
safe whatever is typed; a topic's latest stories; the index filled by its migration and
rebuilt by ``newsalert migrate``; and the backfill digest a new subscription gets once."""

from __future__ import annotations

import dataclasses
import io
import sqlite3
import time
from pathlib import Path

import psycopg
import pytest

from adapters.console import ConsoleAdapter
from bot.app import App
from bot.archive import StoryLine, collapse_stories, parse_recent, recent_text, search_text
from bot.cli import main
from bot.commands import Command
from bot.config import load_config
from bot.models import EntityMatch, Entry, Extraction, Quote, TopicMatch
from bot.searchquery import PAGE_SIZE, SearchQuery, fts5_expression, parse_search, websearch_groups
from bot.searchwords import STOP_WORDS, porter_stem, snowball_stem
from bot.storage import SQLiteStore, open_store
from bot.storage.interface import Store
from bot.storage.records import StoredArticle
from tests.conftest import Backend
from tests.test_shared_store import TEXT, text_mark
from tests.test_store import alert

DAY = 86400.0
NOW = 1_800_000_000.0


def article(n: int, title: str, text: str, prominence: str = "body", topic: str = "icc",
            summary: tuple[str, ...] = (), quotes: tuple[Quote, ...] = ()
            ) -> tuple[Entry, object]:
    match = EntityMatch("person", "Benjamin Netanyahu", 1, ("Netanyahu",), prominence=prominence)
    stored = dataclasses.replace(alert(n), title=title, topics=(TopicMatch(topic, (match,)),),
                                 extraction=Extraction(summary=summary, quotes=quotes))
    return Entry("wire", f"id-{n}", title, f"https://example.org/{n}", None, text), stored


def keep(store: Store, items: list, now: float, channel: str = "console:a", marks=None
         ) -> list[int]:
    return store.commit_entries("wire", [e for e, _ in items], [(a, [channel]) for _, a in items],
                                now, marks=marks)


def found(store: Store, words: str, page: int = 1, now: float = NOW) -> list[str]:
    query = parse_search(words)
    assert isinstance(query, SearchQuery), query
    hits, _ = store.search_articles(dataclasses.replace(query, page=page), now)
    return [h.alert.title for h in hits]


# -- the query as typed --------------------------------------------------------------------


def test_words_and_quoted_phrases_are_read_and_a_last_page_number_is_the_page() -> None:
    query = parse_search('"arrest warrant" Gallant  page 3')
    assert query == SearchQuery((("arrest", "warrant"), ("gallant",)), 3)
    assert fts5_expression(query) == '"arrest warrant" AND "gallant"'
    assert websearch_groups(query) == (('"arrest warrant"',), ('"gallant"',))
    assert parse_search("Gallant page two") == "A page is a number from 1 up, not 'two': " \
                                               "search <words> page 2"
    assert parse_search("page 0") == "A page is a number from 1 up, not '0': search <words> page 2"


def test_a_word_is_written_as_its_forms_or_ed_and_a_phrase_as_it_is() -> None:
    query = parse_search('sued "minister sued" Gallant')
    assert isinstance(query, SearchQuery)
    assert fts5_expression(query) == '"minister sued" AND ("sued" OR "sues") AND "gallant"'
    assert websearch_groups(query) == (('"minister sued"',), ('"sued"', '"sues"'),
                                       ('"gallant"',))


@pytest.mark.parametrize("words", ["the who", '"The Who"', "The Who page 2", "or - and"])
def test_a_search_of_only_very_common_words_is_told_so(words: str) -> None:
    answer = parse_search(words)
    assert isinstance(answer, str) and "too common to search for" in answer


def test_very_common_words_are_left_out_and_the_answer_says_so() -> None:
    query = parse_search("the tribunal of")
    assert query == SearchQuery((("tribunal",),), 1, ("the", "of"))
    hits = [StoredArticle(1, NOW, None, "", alert(1))]
    assert search_text(query, hits, 1).startswith(
        "tribunal (the, of: too common to search for, left out): 1 result")
    assert search_text(query, [], 0) == ("Nothing stored matches tribunal (the, of: too common "
                                         "to search for, left out).")


@pytest.mark.parametrize("words, problem", [
    ("", "Search for what?"),
    ("   ", "Search for what?"),
    ('" * ( ) -- :', "Search for what?"),
    ("page 2", "Search for what?"),
    ("a b c", "at least 2 letters"),
    (" ".join(["word"] * 17), "at most 16"),
])
def test_empty_or_odd_searches_are_told_what_is_wrong(words: str, problem: str) -> None:
    answer = parse_search(words)
    assert isinstance(answer, str) and problem in answer


def test_recent_takes_a_known_topic_and_a_sensible_number() -> None:
    topics = ("icc", "courts")
    assert parse_recent("icc", topics) == ("icc", 5)
    assert parse_recent("courts 12", topics) == ("courts", 12)
    assert "no topic 'nope'" in str(parse_recent("nope", topics))
    assert "1 to 25, not '500'" in str(parse_recent("icc 500", topics))
    assert "1 to 25, not '-1'" in str(parse_recent("icc -1", topics))
    assert "Which topic?" in str(parse_recent("", topics))


def test_a_story_is_one_line_with_the_count_of_its_other_alerts() -> None:
    def stored(alert_id: int, story: int | None) -> StoredArticle:
        return StoredArticle(alert_id, NOW - alert_id, story, "", alert(alert_id))
    newest_first = [stored(9, 1), stored(8, None), stored(7, 1), stored(6, 2), stored(5, 1),
                    stored(4, 3)]
    lines = collapse_stories(newest_first, 3)
    assert [(line.latest.alert_id, line.more) for line in lines] == [(9, 2), (8, 0), (6, 0)]
    text = recent_text("icc", lines)
    assert text.splitlines()[0] == "The last 3 stories of 'icc':"
    assert "Title 9" in text and "(+2 more in this story)" in text and "Title 7" not in text
    assert recent_text("icc", []) == "No alerts for 'icc' are stored yet."


def test_a_results_page_says_where_it_is_and_how_to_get_the_next() -> None:
    query = SearchQuery((("warrant",),), 2)
    hits = [StoredArticle(i, NOW, None, "", alert(i)) for i in range(6, 11)]
    text = search_text(query, hits, 12)
    assert text.splitlines()[0] == "warrant: 12 results, 6-10 shown (page 2 of 3):"
    assert text.splitlines()[-1] == "More: search warrant page 3"
    assert search_text(query, [], 0) == "Nothing stored matches warrant."
    assert "page 2 is past the end (3 results, 1 page)" in search_text(query, [], 3)


def test_feed_text_in_results_pings_nobody() -> None:
    hostile = dataclasses.replace(alert(1), title="<!channel> @everyone warrant")
    text = search_text(SearchQuery((("warrant",),)), [StoredArticle(1, NOW, None, "", hostile)],
                       1)
    assert "<!channel>" not in text and "@everyone" not in text


# -- search on both backends -----------------------------------------------------------------


def test_ranking_weighs_where_the_words_are_how_prominent_the_match_and_how_recent(
        any_store: Store) -> None:
    body = "The appeal was heard on Monday. The tribunal will rule next week on the case."
    keep(any_store, [article(1, "Tribunal rules on the appeal", "Judges met on Monday.")],
         NOW - DAY)
    keep(any_store, [article(2, "Judges meet", body)], NOW - DAY)
    keep(any_store, [article(3, "Judges meet again", body)], NOW - 60 * DAY)
    keep(any_store, [article(4, "Judges meet once more", body, prominence="headline")],
         NOW - DAY)
    keep(any_store, [article(5, "Unrelated", "Nothing about that here.")], NOW)
    order = found(any_store, "tribunal")
    assert set(order) == {"Tribunal rules on the appeal", "Judges meet", "Judges meet again",
                          "Judges meet once more"}
    rank = {title: i for i, title in enumerate(order)}
    assert rank["Tribunal rules on the appeal"] < rank["Judges meet"]  # in the title
    assert rank["Judges meet once more"] < rank["Judges meet"]  # a headline match
    assert rank["Judges meet"] < rank["Judges meet again"]  # newer


def test_summary_and_quotes_are_searched_and_every_word_is_needed(any_store: Store) -> None:
    keep(any_store, [article(1, "First", "Plain text.", summary=("Gallant rejected it.",)),
                     article(2, "Second", "Plain text.",
                             quotes=(Quote("a wanted man", "Agnes Callamard"),)),
                     article(3, "Third", "Gallant spoke to Callamard.")], NOW)
    assert set(found(any_store, "gallant")) == {"First", "Third"}
    assert set(found(any_store, "callamard")) == {"Second", "Third"}
    assert found(any_store, "gallant callamard") == ["Third"]
    assert found(any_store, '"wanted man"') == ["Second"]
    assert found(any_store, '"man wanted"') == []


def test_search_words_are_stemmed_and_phrases_still_need_their_order(any_store: Store) -> None:
    keep(any_store, [article(1, "Union strikes again", "Workers are suing the railway."),
                     article(2, "Court date", "The minister sued the paper in March."),
                     article(3, "Calm day", "Nothing happened at the railway.")], NOW)
    assert found(any_store, "strike") == ["Union strikes again"]
    assert set(found(any_store, "sued")) == {"Union strikes again", "Court date"}
    assert set(found(any_store, "suing")) == {"Union strikes again", "Court date"}
    assert found(any_store, '"minister suing"') == ["Court date"]
    assert found(any_store, '"suing minister"') == []


def test_a_word_is_found_in_its_other_forms_and_a_phrase_only_as_written(
        any_store: Store) -> None:
    keep(any_store, [article(1, "Bank sues regulator", "The bank sues over a fine."),
                     article(2, "Workers take action", "They are suing the railway."),
                     article(3, "Minister sued", "The minister sued the paper."),
                     article(4, "Union strike", "The strike goes on."),
                     article(5, "Storm", "Lightning struck the barn."),
                     article(6, "Calm day", "Nothing happened at the railway.")], NOW)
    suing = {"Bank sues regulator", "Workers take action", "Minister sued"}
    assert set(found(any_store, "sued")) == set(found(any_store, "sues")) == suing
    assert set(found(any_store, "suing")) == suing
    assert set(found(any_store, "struck")) == set(found(any_store, "strike")) == {
        "Union strike", "Storm"}
    assert found(any_store, "sued bank") == ["Bank sues regulator"]  # every word needed
    assert found(any_store, '"minister sued"') == ["Minister sued"]
    assert found(any_store, '"bank sued"') == []  # a phrase is not looked for in other forms
    assert found(any_store, '"lightning strike"') == []


def test_on_postgresql_a_word_found_in_another_form_ranks_as_that_form_would(
        postgres_url: str) -> None:
    # PostgreSQL ranks by the title and summary alone: a word in the title six weeks ago
    # outranks the word in the text today, whichever form of it was typed. ts_rank divides
    # the rank of "sued" OR "sues" by two, which alone would put the text match first.
    # (SQLite's BM25 adds up the forms found, so an OR of forms ranks as the form found.)
    store = open_store(postgres_url)
    try:
        keep(store, [article(1, "Union sues railway", "A claim was filed.")], NOW - 45 * DAY)
        keep(store, [article(2, "Court date", "The union sued the railway.")], NOW)
        assert found(store, "sues") == found(store, "sued") == found(store, "suing") == [
            "Union sues railway", "Court date"]
    finally:
        store.close()


_FORMS_OF = ["sue", "strike", "fine", "run", "go", "buy", "say", "see", "leave", "rise",
             "fly", "lie", "die", "arrest", "charge", "child", "mouse", "woman", "crisis",
             "agency", "company", "analysis", "criterion", "bus", "city", "ax"]


def _inflections() -> list[str]:
    from lemminflect import getAllInflections
    return sorted({f.lower() for lemma in _FORMS_OF for forms in getAllInflections(lemma).values()
                   for f in forms})


def test_the_stemmers_that_pick_a_words_forms_are_sqlites_and_postgresqls(
        tmp_path: Path, postgres_url: str) -> None:
    # A word's forms are picked one per stem, so each database's own stemmer must be the one
    # that picks them: a form dropped as "same stem" that the index stems otherwise is lost.
    words = _inflections()
    conn = sqlite3.connect(tmp_path / "stems.db")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 "
                 "remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(words))
    fts5 = {words[doc]: term for doc, term in conn.execute("SELECT doc, term FROM v")}
    assert fts5 == {w: porter_stem(w) for w in words}
    with psycopg.connect(postgres_url) as pg:
        english = dict(pg.execute(
            "SELECT w, array_to_string(tsvector_to_array(to_tsvector('english', w)), ' ') "
            "FROM unnest(%s::text[]) w", (words,)).fetchall())
        assert {w for w, s in english.items() if not s} <= STOP_WORDS
        assert {w: s for w, s in english.items() if s} == {
            w: snowball_stem(w) for w in words if w not in STOP_WORDS}


def test_the_common_words_left_out_are_postgresqls_stop_words(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as pg:
        kept = pg.execute("SELECT w FROM unnest(%s::text[]) w WHERE to_tsvector('english', w) "
                          "<> ''::tsvector", (sorted(STOP_WORDS),)).fetchall()
        assert kept == []
        try:
            listed = pg.execute("SELECT pg_read_file(setting || '/tsearch_data/english.stop') "
                                "FROM pg_config WHERE name = 'SHAREDIR'").fetchone()
        except psycopg.Error:
            pytest.skip("the server's stop word file is not readable by this user")
    assert listed is not None and set(listed[0].split()) == STOP_WORDS


def test_very_common_words_are_left_out_on_both_databases(any_store: Store) -> None:
    keep(any_store, [article(1, "Tribunal rules", "Judges met on Monday.")], NOW)
    assert found(any_store, "who tribunal") == found(any_store, "tribunal") == [
        "Tribunal rules"]


def test_pages_split_the_ranking_without_gaps_or_repeats(any_store: Store) -> None:
    keep(any_store, [article(n, f"Ledger {n}", "The ledger was audited.")
                     for n in range(1, 13)], NOW)
    pages = [found(any_store, "ledger", page) for page in (1, 2, 3, 4)]
    assert [len(p) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 2, 0]
    query = parse_search("ledger")
    assert isinstance(query, SearchQuery)
    everything, total = any_store.search_articles(query, NOW, page_size=100)
    assert total == 12
    assert pages[0] + pages[1] + pages[2] == [h.alert.title for h in everything]


@pytest.mark.parametrize("words", [
    'minister OR zzz', 'NEAR(minister zzz)', 'title:zzz minister', 'minister NOT zzz',
    'minister -zzz', 'minister AND zzz', "minister'); DROP TABLE zzz; --", 'minister zzz*',
    '"minister zzz', 'minister ^zzz', 'minister & zzz | !zzz', "minister <-> zzz",
    'struck OR zzz', 'NEAR(struck zzz)', 'struck* -zzz', '"struck" "zzz', 'struck) OR (zzz',
    "sued' || 'zzz", 'sued & !zzz', '-sued -zzz', 'sued:* zzz',
])
def test_search_syntax_typed_by_a_user_is_only_words(any_store: Store, words: str) -> None:
    keep(any_store, [article(1, "Minister resigns", "The defence minister resigned, or did not: "
                     "near the title, and the drop table. Dockers strike; the port sues.")],
         NOW)
    query = parse_search(words)
    assert isinstance(query, SearchQuery)
    # Every word is required, operators included: "zzz" is in no article, so nothing is found,
    # where as syntax they would have kept the minister's article (OR, NOT, -, NEAR, *); the
    # words of the operators are in the article, so with "zzz" replaced it is found.
    assert any_store.search_articles(query, NOW) == ([], 0)
    assert found(any_store, words.replace("zzz", "resigned")) == ["Minister resigns"]
    assert any_store.totals()["alerts"] == 1


def test_accents_and_case_do_not_matter_on_sqlite(store: SQLiteStore) -> None:
    keep(store, [article(1, "Élysée statement", "Le président a parlé.")], NOW)
    assert found(store, "ELYSEE") == found(store, "président") == ["Élysée statement"]


def test_notices_about_the_bot_are_not_articles(any_store: Store) -> None:
    from bot.feedhealth import recovered_notice
    from bot.storage import PollRecord
    any_store.save_polls([PollRecord("wire", NOW, NOW + 60, error="boom", pause=True, notices=[
        (recovered_notice("wire", "Wire", NOW - DAY, NOW), "console:admin")])], NOW)
    query = parse_search("wire")
    assert isinstance(query, SearchQuery)
    assert any_store.search_articles(query, NOW) == ([], 0)


def test_recent_lists_a_topics_stories_newest_first_collapsed(any_store: Store) -> None:
    keep(any_store, [article(1, "Warrants issued", TEXT)], NOW - 3 * 3600,
         marks={"id-1": text_mark(TEXT)})
    keep(any_store, [article(2, "Markets", "Rates held.", topic="markets")], NOW - 2 * 3600)
    keep(any_store, [article(3, "Warrants: the reactions", TEXT)], NOW - 3600,
         marks={"id-3": text_mark(TEXT)})
    keep(any_store, [article(4, "Another case", "A separate hearing opened.")], NOW)
    articles = any_store.topic_articles("icc", 50)
    assert [a.alert.title for a in articles] == ["Another case", "Warrants: the reactions",
                                                 "Warrants issued"]
    lines = collapse_stories(articles, 5)
    assert [(line.latest.alert.title, line.more) for line in lines] == [
        ("Another case", 0), ("Warrants: the reactions", 1)]
    assert collapse_stories(articles, 1) == [StoryLine(articles[0])]


# -- the index: filled by its migration, rebuilt by migrate ---------------------------------


def _forget_the_index(backend: Backend) -> None:
    """Put the database back where it was before the full-text migrations."""
    if backend.name == "sqlite":
        conn = sqlite3.connect(backend.database)
        for trigger in ("alert_search_alert", "alert_search_text", "alert_search_gone"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE alert_search")
        conn.execute("PRAGMA user_version = 10")
        conn.commit()
        conn.close()
        return
    with psycopg.connect(str(backend.database), autocommit=True) as conn:
        conn.execute("DROP FUNCTION alert_search_on_alert, alert_search_on_text, "
                     "alert_search_refresh, alert_search_matches CASCADE")
        conn.execute("DROP TABLE alert_search")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 6")


def test_the_migration_indexes_the_alerts_stored_before(backend: Backend) -> None:
    store = backend.open()
    keep(store, [article(1, "Tribunal sits", "The chamber heard the prosecutor."),
                 article(2, "Other news", "Nothing to see.")], NOW)
    store.close()
    _forget_the_index(backend)
    before = backend.open()
    assert found(before, "prosecutor") == ["Tribunal sits"]
    assert found(before, "tribunal") == ["Tribunal sits"]
    assert found(before, "chambers") == ["Tribunal sits"]  # stemmed from then on
    keep(before, [article(3, "Later", "The prosecutor spoke again.")], NOW + 1)
    assert set(found(before, "prosecutor")) == {"Tribunal sits", "Later"}


def test_migrate_to_postgresql_builds_the_index_afresh(tmp_path: Path, write_config,
                                                        postgres_url: str) -> None:
    path = tmp_path / "news.db"
    source = SQLiteStore.open(path)
    keep(source, [article(n, f"Hearing {n}", f"The chamber heard witness number {n}.")
                  for n in range(1, 8)], NOW)
    keep(source, [article(8, "Tribunal sits", "The prosecutor spoke.",
                          summary=("Gallant rejected it.",))], NOW + DAY)
    expected = found(source, "chamber witness")
    source.close()
    config = write_config(f'[bot]\ndatabase = "{path}"\n')
    assert main(["migrate", "--config", str(config), "--to", postgres_url]) == 0
    target = open_store(postgres_url)
    try:
        assert len(expected) == PAGE_SIZE
        assert found(target, "chamber witness") == expected
        assert found(target, "gallant") == found(target, "prosecutor") == ["Tribunal sits"]
        keep(target, [article(9, "Tribunal again", "The prosecutor returned.")], NOW + 2 * DAY)
        assert found(target, "prosecutor") == ["Tribunal again", "Tribunal sits"]
    finally:
        target.close()


# -- backfill on subscribe --------------------------------------------------------------------


def test_a_backfill_is_queued_once_and_leaves_out_what_the_channel_had(
        any_store: Store) -> None:
    ids = keep(any_store, [article(1, "One", "x."), article(2, "Two", "y.")], NOW,
               channel="console:old")
    other = keep(any_store, [article(3, "Three", "z.")], NOW, channel="console:new")
    assert any_store.queue_backfill("console:new", [*ids, *other], NOW) == 2
    assert any_store.queue_backfill("console:new", [*ids, *other], NOW + 1) == 0
    assert any_store.queue_backfill("console:new", [], NOW + 1) == 0
    pending = [d for d in any_store.pending_for_channel("console:new") if d.kind == "digest"]
    assert [[a.title for a in d.alerts] for d in pending] == [["One", "Two"]]


CONFIG = """
[bot]
database = "{database}"
{backfill}

[adapters.console]
enabled = true

[topics.icc]
title = "ICC"
people = ["Benjamin Netanyahu"]

[topics.markets]
title = "Markets"
organizations = ["Bank of England"]
"""


async def _subscribe(app: App, topic: str = "icc", channel: str = "console:desk") -> str:
    reply = await app.commands.handle(Command("console", channel, "U1", "subscribe", topic,
                                              is_admin=True))
    return reply.text


def _digests(app: App, channel: str = "console:desk") -> list[list[str]]:
    return [[a.title for a in d.alerts] for d in app.store.pending_for_channel(channel)
            if d.kind == "digest"]


@pytest.fixture
def make_app(write_config, tmp_path: Path):
    apps: list[App] = []

    def make(backfill: str = "") -> App:
        database = tmp_path / f"bot{len(apps)}.db"
        path = write_config(CONFIG.format(database=database, backfill=backfill),
                            f"config{len(apps)}.toml")
        app = App(load_config(path), SQLiteStore.open(database),
                  adapters={"console": ConsoleAdapter(out=io.StringIO())})
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.store.close()


async def test_subscribing_posts_the_last_day_once_as_one_digest(make_app) -> None:
    app = make_app()
    now = time.time()
    keep(app.store, [article(1, "Too old", "x.")], now - 2 * DAY)
    keep(app.store, [article(2, "Yesterday", "x."), article(3, "Markets", "y.", topic="markets")],
         now - 20 * 3600)
    keep(app.store, [article(4, "This morning", "x.")], now - 3600)
    text = await _subscribe(app)
    assert text.endswith("The 2 alerts of the last 1d follow as one digest.")
    assert _digests(app) == [["Yesterday", "This morning"]]
    assert "already subscribed" in await _subscribe(app)
    await app.commands.handle(Command("console", "console:desk", "U1", "unsubscribe", "icc",
                                      is_admin=True))
    assert "digest" not in await _subscribe(app)  # nothing new since: nothing repeated
    assert _digests(app) == [["Yesterday", "This morning"]]
    await app.deliverer.drain(5.0)
    assert _digests(app) == []
    posts = app.adapters["console"].out.getvalue().split("─" * 72 + "\n")
    desk = [p for p in posts if p.startswith("[desk ")]
    assert len(desk) == 1 and desk[0].split("] ", 1)[1].startswith("2 alerts:")
    assert "Yesterday" in desk[0] and "This morning" in desk[0] and "Too old" not in desk[0]
    keep(app.store, [article(5, "Now", "x.")], now, channel="console:other")
    await app.commands.handle(Command("console", "console:desk", "U1", "unsubscribe", "icc",
                                      is_admin=True))
    assert "The 1 alert of the last 1d follows" in await _subscribe(app)


async def test_no_digest_when_nothing_matched_or_when_backfill_is_off(make_app) -> None:
    app = make_app()
    keep(app.store, [article(1, "Markets", "y.", topic="markets")], time.time() - 60)
    assert await _subscribe(app) == ("Subscribed this channel to 'icc': new matching articles "
                                     "will be posted here.")
    assert _digests(app) == []
    off = make_app("backfill = false")
    assert off.config.bot.backfill == 0
    assert "digest" not in await _subscribe(off, "markets", "console:two")
    assert _digests(off, "console:two") == []
    shorter = make_app('backfill = "30m"')
    keep(shorter.store, [article(2, "Markets now", "y.", topic="markets")], time.time() - 60)
    assert "The 1 alert of the last 30m follows" in await _subscribe(shorter, "markets",
                                                                    "console:three")
    assert _digests(shorter, "console:three") == [["Markets now"]]


async def test_a_muted_story_is_left_out_of_the_backfill(make_app) -> None:
    app = make_app()
    now = time.time()
    first, = keep(app.store, [article(1, "Warrants issued", TEXT)], now - 600,
                  marks={"id-1": text_mark(TEXT)})
    keep(app.store, [article(2, "Another case", "A separate hearing.")], now - 300)
    story = app.store.story_of_alert(first)
    assert story is not None
    app.store.mute_story("console:desk", story, "U1", now)
    assert "The 1 alert" in await _subscribe(app)
    assert _digests(app) == [["Another case"]]


def test_backfill_must_be_a_duration_or_false(write_config) -> None:
    from bot.errors import ConfigError
    with pytest.raises(ConfigError, match='bot.backfill: expected a duration like "24h", or '
                                          "false for none"):
        load_config(write_config("[bot]\nbackfill = true\n"))
    with pytest.raises(ConfigError, match="bot.backfill"):
        load_config(write_config('[bot]\nbackfill = "soon"\n'))


def test_the_terminal_runs_recent_and_search(make_app, capsys) -> None:
    app = make_app()
    keep(app.store, [article(1, "Warrants issued", "The chamber ruled.")], time.time())
    config = str(app.config.path)
    assert main(["news", "--config", config, "search", "chamber", "NEAR("]) == 0
    assert "Nothing stored matches chamber near." in capsys.readouterr().out
    assert main(["news", "--config", config, "recent", "icc", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The last 1 story of 'icc':") and "Warrants issued" in out


def test_only_the_newest_matches_are_ranked_and_later_pages_go_on_by_time(
        any_store: Store, monkeypatch) -> None:
    import bot.storage.archive
    monkeypatch.setattr(bot.storage.archive, "RANK_WINDOW", 3)  # whole pages: 4
    keep(any_store, [article(1, "Ledger ledger ledger", "The ledger, the ledger.",
                             prominence="headline")], NOW)
    keep(any_store, [article(2, "Note 2", "A ledger.")], NOW + 2)
    for n in range(3, 7):
        keep(any_store, [article(n, f"Ledger {n}", "A ledger.")], NOW + n)
    query = parse_search("ledger")
    assert isinstance(query, SearchQuery)
    pages = [any_store.search_articles(dataclasses.replace(query, page=p), NOW + 10,
                                       page_size=2) for p in (1, 2, 3, 4)]
    assert [total for _, total in pages] == [6, 6, 6, 6]
    titles = [[h.alert.title for h in hits] for hits, _ in pages]
    assert titles[0] + titles[1] == ["Ledger 6", "Ledger 5", "Ledger 4", "Ledger 3"]
    assert titles[2:] == [["Note 2", "Ledger ledger ledger"], []]  # older than those: by time
