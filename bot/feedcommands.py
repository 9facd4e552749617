"""``newsalert feeds import|export|discover``: moving feed lists in and out, and finding feeds.

The config stays the one source of truth: ``import`` prints ``[[feeds]]`` tables to review and
paste, it never edits the config.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bot.config import BotSettings, Config, load_config
from bot.errors import FetchError, NewsAlertError
from bot.opml import (
    MAX_OPML_BYTES,
    OpmlError,
    check_size,
    export_opml,
    import_toml,
    plan_import,
    read_opml,
)
from watchers.discover import discover_feeds
from watchers.fetch import Fetcher
from watchers.netguard import NetPolicy

__all__ = ["add_feeds_parser", "run_feeds"]

DEFAULT_CONFIG = Path("config.toml")
DEFAULT_INTERVAL = 600.0
"""``bot.interval`` when no config is given."""


def add_feeds_parser(sub: argparse._SubParsersAction, levels: list[str]) -> None:
    """The ``feeds`` command and its three subcommands."""
    feeds = sub.add_parser("feeds", help="import, export or discover feeds (OPML, site pages)")
    actions = feeds.add_subparsers(dest="feeds_command", required=True)

    def with_config(p: argparse.ArgumentParser, required: bool) -> argparse.ArgumentParser:
        p.add_argument("--config", "-c", type=Path, default=DEFAULT_CONFIG if required else None,
                       help="the TOML config file" + (" (default: config.toml)" if required
                                                      else " whose feeds are already there"))
        p.add_argument("--log-level", default=argparse.SUPPRESS, choices=levels,
                       type=str.upper, help=argparse.SUPPRESS)
        return p

    imp = with_config(actions.add_parser(
        "import", help="print [[feeds]] tables for the feeds of an OPML file"), required=False)
    imp.add_argument("file", type=Path, metavar="FILE.opml")
    with_config(actions.add_parser("export", help="print the configured feeds as OPML 2.0"),
                required=True)
    disc = with_config(actions.add_parser(
        "discover", help="list the feeds a site address advertises"), required=False)
    disc.add_argument("url", metavar="URL")


def run_feeds(args: argparse.Namespace) -> int:
    """Run a ``feeds`` subcommand; NewsAlertError goes up to ``main``."""
    if args.feeds_command == "export":
        config = load_config(args.config)
        sys.stdout.write(export_opml(config.feeds, config.bot.interval,
                                     f"newsalert feeds ({config.path.name})").decode("utf-8"))
        local = [f.id for f in config.feeds if f.url is None]
        if local:
            print(f"newsalert: left out {len(local)} local feeds (OPML holds addresses): "
                  f"{', '.join(local)}", file=sys.stderr)
        return 0
    config = load_config(args.config) if args.config is not None else None
    if args.feeds_command == "import":
        return _import(args.file, config)
    return asyncio.run(_discover(args.url, config))


def _import(path: Path, config: Config | None) -> int:
    try:
        with path.open("rb") as file:
            # Never more than the limit in memory, however large the file.
            data = file.read(MAX_OPML_BYTES + 1)
            size = os.fstat(file.fileno()).st_size
    except OSError as exc:
        raise NewsAlertError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        check_size(max(size, len(data)))
        outlines = read_opml(data)
    except OpmlError as exc:
        raise NewsAlertError(f"{path}: {exc}") from None
    interval = config.bot.interval if config else DEFAULT_INTERVAL
    plan = plan_import(outlines, config.feeds if config else (), interval)
    sys.stdout.write(import_toml(plan, path.name, interval))
    for url, feed_id in plan.duplicates:
        print(f"newsalert: {path}: {url} is already configured as feed {feed_id!r}; left out",
              file=sys.stderr)
    return 0


async def _discover(url: str, config: Config | None) -> int:
    bot = config.bot if config else BotSettings(Path("newsalert.db"), DEFAULT_INTERVAL)
    async with Fetcher(bot.user_agent, policy=NetPolicy.allowing(bot.allow_hosts)) as fetcher:
        try:
            found = await discover_feeds(fetcher, url)
        except FetchError as exc:
            print(f"newsalert: {url}: {exc}", file=sys.stderr)
            return 1
    if not found:
        print(f"newsalert: {url}: no feed found (none advertised, none at the usual paths)",
              file=sys.stderr)
        return 1
    for feed in found:
        print(f"{feed.url}\t{feed.title or '(untitled)'}\t{feed.entries} entries")
    return 0
