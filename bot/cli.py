"""The ``newsalert`` command: run, analyze, check-config, status, report, init, migrate."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from pathlib import Path

from bot import __version__
from bot.analysis import analysis_to_json, analyze
from bot.app import App
from bot.commands import Command
from bot.config import Config, format_duration, is_postgres_url, load_config
from bot.defang import printable
from bot.deskreport import DEFAULT_DAYS, desk_report, read_desk, render_report
from bot.errors import ConfigError, InputError, NewsAlertError
from bot.feedcommands import add_feeds_parser, run_feeds
from bot.inputs import read_articles
from bot.logs import LOG_FORMATS, setup_logging
from bot.matching.matcher import ambiguous_entries, compile_topics
from bot.models import Alert, Entry
from bot.pipeline import watched_names
from bot.preflight import preflight_problems
from bot.render import count, render_text
from bot.scaffold import write_starter
from bot.storage import SQLiteStore, describe_database, open_store
from bot.stories.dedup import house_features
from bot.stories.grouping import group_marks, story_mark

__all__ = ["main"]

log = logging.getLogger("newsalert")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsalert",
        description="Watch news feeds for people, organizations and legal events; alert channels.")
    levels = ["DEBUG", "INFO", "WARNING", "ERROR"]
    parser.add_argument("--version", action="version", version=f"newsalert {__version__}")
    parser.add_argument("--log-level", default="INFO", choices=levels, type=str.upper,
                        help="log lines on stderr from this level up (default: INFO)")
    parser.add_argument("--log-format", default="logfmt", choices=LOG_FORMATS,
                        help="one key=value line per event (logfmt, the default) or one JSON "
                             "object per line (json)")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_config(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--config", "-c", type=Path, default=Path("config.toml"),
                       help="the TOML config file (default: config.toml)")
        # Also after the command (`newsalert run --log-level DEBUG`), where users put it.
        p.add_argument("--log-level", default=argparse.SUPPRESS, choices=levels,
                       type=str.upper, help=argparse.SUPPRESS)
        p.add_argument("--log-format", default=argparse.SUPPRESS, choices=LOG_FORMATS,
                       help=argparse.SUPPRESS)
        return p

    run = with_config(sub.add_parser("run", help="poll the feeds and post alerts"))
    run.add_argument("--once", action="store_true",
                     help="poll every feed once, deliver, and exit")
    analyze_p = with_config(sub.add_parser(
        "analyze", help="match and extract local articles, without any network"))
    analyze_p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                           help="text, JSON, JSON-lines or RSS/Atom files")
    analyze_p.add_argument("--json", action="store_true", help="one JSON object per article")
    analyze_p.add_argument("--text", choices=["auto", "raw", "stemmed"], default="auto",
                           help="text form of the input (default: detect)")
    analyze_p.add_argument("--stories", action="store_true",
                           help="show how the alerting articles group into stories, and why")
    with_config(sub.add_parser("check-config", help="validate the config and summarize it"))
    with_config(sub.add_parser(
        "status", help="feed health and delivery counts; exit status 1 while one fails"))
    report = with_config(sub.add_parser(
        "report", help="per topic, the alerts marked not relevant and the config changes "
                       "that would have spared them"))
    report.add_argument("--days", type=_days, default=DEFAULT_DAYS, metavar="N",
                        help=f"marks and alerts of the last N days (default: {DEFAULT_DAYS})")
    report.add_argument("--topic", metavar="TOPIC", help="only this topic, marked or not")
    init = with_config(sub.add_parser(
        "init", help="write a starter config.toml (and the sample feeds it polls)"))
    init.add_argument("--force", action="store_true", help="overwrite an existing config")
    add_feeds_parser(sub, levels)
    news = with_config(sub.add_parser(
        "news", help="run a /news command here: recent <topic> [n], search <words>, topics..."))
    news.add_argument("words", nargs="+", metavar="WORD",
                      help="the command and its arguments, as typed after /news")
    migrate = with_config(sub.add_parser(
        "migrate", help="copy the SQLite database to a PostgreSQL server"))
    migrate.add_argument("--to", required=True, metavar="URL",
                         help="the empty PostgreSQL database: postgresql://user@host/dbname")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    setup_logging(args.log_level, args.log_format)
    try:
        if args.command == "init":
            for path in write_starter(args.config, args.force):
                print(f"wrote {path}")
            print(f"next: newsalert check-config --config {args.config}, then newsalert run "
                  f"--config {args.config}")
            return 0
        if args.command == "run":
            return _run(args.config, args.once)
        if args.command == "analyze":
            config = load_config(args.config)
            if args.stories:
                return _stories(config, args.files, args.text)
            return _analyze(config, args.files, args.json, args.text)
        if args.command == "check-config":
            config = load_config(args.config)
            problems = _config_problems(config)
            print(_summary(config, len(problems)))
            ambiguous = ambiguous_entries(config.topics)
            if ambiguous:
                print(f"  ambiguous entries ({len(ambiguous)}), matched only with a sign:")
                print("\n".join(f"    {line}" for line in ambiguous))
            for problem in problems:
                print(f"newsalert: {config.path}: {problem}", file=sys.stderr)
            return 1 if problems else 0
        if args.command == "migrate":
            return _migrate(load_config(args.config), args.to)
        if args.command == "feeds":
            return run_feeds(args)
        if args.command == "report":
            return _report(load_config(args.config), args.days, args.topic)
        if args.command == "news":
            return _news(load_config(args.config), args.words)
        if args.command == "status":
            config = load_config(args.config)
            app = App(config, open_store(config.bot.database), adapters={})
            print(app.status_text())  # already printable
            failing = app.failing()
            if failing:
                print(printable(f"newsalert: failing: {', '.join(failing)}"), file=sys.stderr)
            return 1 if failing else 0
    except KeyboardInterrupt:
        return 130
    except NewsAlertError as exc:
        # The message may quote what a server or a file said: one printable line each.
        print("\n".join(printable(line) for line in f"newsalert: {exc}".splitlines()),
              file=sys.stderr)
        if isinstance(exc, ConfigError) and not exc.file.exists():
            print("newsalert: give the config file with --config FILE, or write a starter "
                  "config.toml with: newsalert init", file=sys.stderr)
        return 2
    return 2


def _news(config: Config, words: list[str]) -> int:
    """A ``/news`` command on the terminal, as a member of no channel who is not an admin:
    what it answers in Slack or Discord, printed."""
    app = App(config, open_store(config.bot.database), adapters={})
    try:
        reply = asyncio.run(app.commands.handle(Command(
            platform="console", channel="console:terminal", user="terminal",
            name=words[0], args=" ".join(words[1:]))))
    finally:
        app.store.close()
    print("\n".join(printable(line) for line in reply.text.splitlines()))
    return 0


_FAILED_SHOWN = 3
"""Failed feeds ``run --once`` names with their errors; ``status`` has the rest."""


def _run(config_path: Path, once: bool) -> int:
    app = App.from_config_file(config_path)
    started = app.clock()
    try:
        asyncio.run(app.run(once=once))
        if not once:
            return 0
        # One line for whoever runs --once from cron: which feeds failed this time, and why,
        # and what could not be posted.
        states = app.store.feed_states()
        failed = [(f.id, state.last_error) for f in app.config.feeds
                  if (state := states.get(f.id)) is not None and state.consecutive_errors
                  and (state.last_polled or 0) >= started]
        undelivered = app.undelivered()
    finally:
        app.store.close()
    if failed:
        shown = "; ".join(f"{feed} ({error})" for feed, error in failed[:_FAILED_SHOWN])
        more = len(failed) - _FAILED_SHOWN
        if more > 0:
            shown += f"; and {more} more (newsalert status --config {config_path} lists them)"
        print(printable(f"newsalert: {len(failed)} of {len(app.config.feeds)} feeds failed: "
                        f"{shown}"), file=sys.stderr)
    if undelivered:
        waiting = sum(n for n, _ in undelivered.values())
        shown = "; ".join(f"{channel} ({n}{f', last error: {error}' if error else ''})"
                          for channel, (n, error) in list(undelivered.items())[:_FAILED_SHOWN])
        if len(undelivered) > _FAILED_SHOWN:
            shown += f"; and {len(undelivered) - _FAILED_SHOWN} more channels"
        print(printable(f"newsalert: {count(waiting, 'alert')} not delivered, kept in the "
                        f"outbox for the next run: {shown}"), file=sys.stderr)
    return 1 if failed or undelivered else 0


def _days(value: str) -> float:
    """``--days``: a positive number of days."""
    try:
        days = float(value)
    except ValueError:
        days = 0.0
    if not 0 < days < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of days, got {value!r}")
    return days


def _report(config: Config, days: float, topic: str | None) -> int:
    """Print what the desk taught: marks, and suggestions checked on the stored alerts."""
    store = open_store(config.bot.database)
    try:
        data = read_desk(config, store, time.time() - days * 86400, topic)
    finally:
        store.close()
    print(render_report(desk_report(config, data), days))
    return 0


def _migrate(config: Config, url: str) -> int:
    """Copy the deployment's SQLite file into an empty PostgreSQL database."""
    from bot.storage.postgresql import PostgresStore
    from bot.storage.transfer import copy_deployment, summary
    if not is_postgres_url(url):
        raise InputError(f"--to {url!r} is not a PostgreSQL URL (postgresql://user@host/dbname)")
    if is_postgres_url(config.bot.database):
        raise InputError(f"bot.database in {config.path} is already a PostgreSQL database")
    # As the writer: refused while a bot runs on the file, which would go on changing it.
    source = SQLiteStore.open(config.bot.database, writer=True)
    try:
        target = PostgresStore.open(url)
        try:
            copied = copy_deployment(source, target)
        finally:
            target.close()
    finally:
        source.close()
    print(f"Copied {summary(copied)} from {config.bot.database} to {describe_database(url)}.")
    print("Set bot.database to that URL, then start the workers (see docs/scaling.md).")
    return 0


class _InputErrors:
    """Prints each input that cannot be read as one printable line, and counts them: the other
    inputs are still analyzed."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        print(printable(f"newsalert: {error}"), file=sys.stderr)


def _analyze(config: Config, files: list[Path], as_json: bool, text_mode: str) -> int:
    matcher = compile_topics(config.topics)
    report = _InputErrors()

    for path in files:
        try:
            for article in read_articles(path, text_mode, on_bad_record=report):
                analysis = analyze(article, matcher)
                if as_json:
                    print(json.dumps(analysis_to_json(analysis), ensure_ascii=False))
                elif analysis.topics:
                    print(render_text(Alert(
                        "analyze", "analyze", str(path), article.title, article.url, None,
                        article.text_form, analysis.topics, analysis.extraction)) + "\n")
                else:
                    title = printable(article.title or "(untitled)")
                    print(f"{title}\n{path}\n(no topic alerts)\n")
        except InputError as exc:
            report(exc)
    return 1 if report.count else 0


def _stories(config: Config, files: list[Path], text_mode: str) -> int:
    """Group the articles of ``files`` that alert as the bot would (all as if seen together;
    the inputs carry no dates) and print each one's decision with its reason."""
    matcher = compile_topics(config.topics)
    report = _InputErrors()

    titles: list[str] = []
    marks = []
    for path in files:
        try:
            articles = list(read_articles(path, text_mode, on_bad_record=report))
        except InputError as exc:
            report(exc)
            continue
        house = house_features([(f"{a.title}\n{a.text}", a.text_form) for a in articles])
        for n, article in enumerate(articles):
            analysis = analyze(article, matcher)
            if not analysis.topics:
                continue
            entry = Entry(str(path), str(n), article.title, article.url, None, article.text)
            alert = Alert("analyze", str(n), str(path), article.title, article.url, None,
                          article.text_form, analysis.topics, analysis.extraction)
            marks.append(story_mark(entry, article.text_form, house, watched_names(alert)))
            titles.append(printable(article.title or "(untitled)"))
    for n, decision in enumerate(group_marks(marks, config.bot.story_window), start=1):
        if decision.story is None:
            print(f"{n}. {titles[n - 1]}\n   new story ({decision.reason})")
        else:
            print(f"{n}. {titles[n - 1]}\n   joins story {decision.story + 1} "
                  f"({titles[decision.story]}): {decision.reason}")
    if not marks:
        print("no article alerts, so none is grouped")
    return 1 if report.count else 0


def _config_problems(config: Config) -> list[str]:
    """What loads but cannot work: local feed files that are missing, subscriptions on a
    platform that is switched off, a config that can never post anything."""
    problems = [f"feeds[{i}] ({feed.id}).path: no such file: {feed.path}"
                for i, feed in enumerate(config.feeds)
                if feed.path is not None and not feed.path.is_file()]
    enabled = set(config.enabled_platforms)
    for sub in config.subscriptions:
        platform = sub.channel.partition(":")[0]
        if platform not in enabled:
            problems.append(f"subscription {sub.channel}: adapters.{platform} is not enabled, "
                            "so it gets no alerts")
    admin = config.bot.admin_channel
    if admin and admin.partition(":")[0] not in enabled:
        problems.append(f"bot.admin_channel {admin}: adapters.{admin.partition(':')[0]} is not "
                        "enabled, so notices about failing feeds go nowhere")
    if not config.feeds:
        problems.append("no [[feeds]]: nothing is polled")
    if not enabled:
        problems.append("no adapter is enabled: alerts go nowhere")
    return problems + preflight_problems(config)


def _summary(config: Config, problems: int = 0) -> str:
    entities = sum(len(t.entities) for t in config.topics)
    subs = sum(len(s.topics) for s in config.subscriptions)
    lines = [
        f"{config.path}: " + (f"loads, but {count(problems, 'problem')} (below)" if problems
                              else "OK"),
        f"  feeds: {len(config.feeds)} ({sum(f.url is not None for f in config.feeds)} by URL, "
        f"{count(sum(f.path is not None for f in config.feeds), 'local file')})",
        f"  topics: {len(config.topics)} with {count(entities, 'entity')} "
        f"({', '.join(t.id for t in config.topics)})",
        f"  subscriptions: {count(subs, 'topic subscription')} in "
        f"{count(len({s.channel for s in config.subscriptions}), 'channel')}",
        f"  adapters on: {', '.join(config.enabled_platforms) or 'none'}",
        f"  database: {describe_database(config.bot.database)}",
        f"  stories: a later article of a story within {format_duration(config.bot.story_window)} "
        "is a threaded follow-up",
    ]
    lines += [f"  delivery to {channel}: {rule.describe()}"
              for channel, rule in config.channel_rules().items()]
    lines.append(f"  failing feeds: paused after {format_duration(config.bot.pause_after)}, "
                 + (f"notices to {config.bot.admin_channel}" if config.bot.admin_channel
                    else "no notices (no bot.admin_channel)"))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
