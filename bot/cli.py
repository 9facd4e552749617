"""The ``newsalert`` command: run, analyze, check-config, status, migrate."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from bot.analysis import analysis_to_json, analyze
from bot.app import App
from bot.config import Config, format_duration, is_postgres_url, load_config
from bot.errors import ConfigError, InputError, NewsAlertError
from bot.inputs import read_articles
from bot.logs import setup_logging
from bot.matching import compile_topics
from bot.models import Alert
from bot.render import count, render_text
from bot.storage import SQLiteStore, describe_database, open_store

__all__ = ["main"]

log = logging.getLogger("newsalert")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsalert",
        description="Watch news feeds for people, organizations and legal events; alert channels.")
    levels = ["DEBUG", "INFO", "WARNING", "ERROR"]
    parser.add_argument("--log-level", default="INFO", choices=levels,
                        help="log lines on stderr from this level up (default: INFO)")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_config(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--config", "-c", type=Path, default=Path("config.toml"),
                       help="the TOML config file (default: config.toml)")
        # Also after the command (`newsalert run --log-level DEBUG`), where users put it.
        p.add_argument("--log-level", default=argparse.SUPPRESS, choices=levels,
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
    with_config(sub.add_parser("check-config", help="validate the config and summarize it"))
    with_config(sub.add_parser("status", help="feed health and delivery counts"))
    migrate = with_config(sub.add_parser(
        "migrate", help="copy the SQLite database to a PostgreSQL server"))
    migrate.add_argument("--to", required=True, metavar="URL",
                         help="the empty PostgreSQL database: postgresql://user@host/dbname")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    setup_logging(args.log_level)
    try:
        if args.command == "run":
            return _run(args.config, args.once)
        if args.command == "analyze":
            return _analyze(load_config(args.config), args.files, args.json, args.text)
        if args.command == "check-config":
            config = load_config(args.config)
            problems = _config_problems(config)
            print(_summary(config, len(problems)))
            for problem in problems:
                print(f"newsalert: {config.path}: {problem}", file=sys.stderr)
            return 1 if problems else 0
        if args.command == "migrate":
            return _migrate(load_config(args.config), args.to)
        if args.command == "status":
            config = load_config(args.config)
            app = App(config, open_store(config.bot.database), adapters={})
            print(app.status_text())
            return 0
    except KeyboardInterrupt:
        return 130
    except NewsAlertError as exc:
        print(f"newsalert: {exc}", file=sys.stderr)
        if isinstance(exc, ConfigError) and not exc.file.exists():
            print("newsalert: give the config file with --config FILE (config.example.toml "
                  "is a working example to copy)", file=sys.stderr)
        return 2
    return 2


_FAILED_SHOWN = 3
"""Failed feeds ``run --once`` names with their errors; ``status`` has the rest."""


def _run(config_path: Path, once: bool) -> int:
    app = App.from_config_file(config_path)
    started = app.clock()
    try:
        asyncio.run(app.run(once=once))
        if not once:
            return 0
        # One line for whoever runs --once from cron: which feeds failed this time, and why.
        states = app.store.feed_states()
        failed = [(f.id, state.last_error) for f in app.config.feeds
                  if (state := states.get(f.id)) is not None and state.consecutive_errors
                  and (state.last_polled or 0) >= started]
    finally:
        app.store.close()
    if failed:
        shown = "; ".join(f"{feed} ({error})" for feed, error in failed[:_FAILED_SHOWN])
        more = len(failed) - _FAILED_SHOWN
        if more > 0:
            shown += f"; and {more} more (newsalert status --config {config_path} lists them)"
        print(f"newsalert: {len(failed)} of {len(app.config.feeds)} feeds failed: {shown}",
              file=sys.stderr)
        return 1
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


def _analyze(config: Config, files: list[Path], as_json: bool, text_mode: str) -> int:
    matcher = compile_topics(config.topics)
    failures = 0

    def report(error: InputError) -> None:
        nonlocal failures
        failures += 1
        print(f"newsalert: {error}", file=sys.stderr)

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
                    print(f"{article.title or '(untitled)'}\n{path}\n(no topic alerts)\n")
        except InputError as exc:
            report(exc)
    return 1 if failures else 0


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
    if not config.feeds:
        problems.append("no [[feeds]]: nothing is polled")
    if not enabled:
        problems.append("no adapter is enabled: alerts go nowhere")
    return problems


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
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
