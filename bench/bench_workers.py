"""Many workers: the cold cycle of ``newsalert run`` processes sharing one PostgreSQL database,
beside one process on its SQLite file, in one run.

Starts ``bench.feed_server`` (real captured feeds), then for each setting runs the bot until
every feed has a poll saved, and prints the wall time and the CPU seconds of the bot's
processes (parse workers included) and of the database server, per feed.

    python -m bench.bench_workers --corpus ../shared/corpora/feeds --feeds 1500 \\
        --database postgresql://postgres@127.0.0.1/postgres --workers 1 2 3

Each PostgreSQL setting gets a database of its own, made on the server of ``--database`` and
dropped afterwards. Run it where nothing else uses that server.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.bench_feeds import REPO, Server, cpu_seconds, database_cpu_seconds, watchlist
from bench.bench_feeds import write_config as feeds_config


def polled(database: str, folder: Path) -> int:
    """How many feeds have a poll saved."""
    sql = "SELECT count(*) FROM feeds WHERE last_polled IS NOT NULL"
    try:
        if database.startswith("postgresql"):
            import psycopg
            with psycopg.connect(database) as conn:
                return int(conn.execute(sql).fetchone()[0])
        with sqlite3.connect(folder / database, timeout=10) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except Exception:  # noqa: BLE001 - the database or its tables are not made yet
        return 0


def group_cpu_seconds(pgid: int) -> float:
    """CPU time of every process in a process group (a worker and its parse workers)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += cpu_seconds(int(stat.parent.name))
    return total


def one_setting(args: argparse.Namespace, label: str, database: str, workers: int,
                folder: Path) -> None:
    server = Server(args)
    try:
        config = feeds_config(folder, server.urls(args.feeds),
                              watchlist(args.corpus, args.watchlist), args.concurrency)
        text = config.read_text().replace('database = "bench.db"', f'database = "{database}"')
        text = text.replace("[adapters.console]\nenabled = true",
                            '[adapters.console]\nenabled = true\nfile = "alerts.txt"')
        config.write_text(text.replace('interval = "10m"',
                                       f'interval = "10m"\nparse_workers = {args.parse_workers}'))
        db_before = database_cpu_seconds()
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-m", "bot.cli", "--log-level", "WARNING",
                                   "run", "--config", str(config)], cwd=folder,
                                  env={**os.environ, "PYTHONPATH": str(REPO)},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True) for _ in range(workers)]
        try:
            while polled(database, folder) < args.feeds:
                if any(p.poll() is not None for p in procs):
                    raise SystemExit(f"{label}: a worker ended early")
                time.sleep(0.2)
            seconds = time.perf_counter() - started
            ours = sum(group_cpu_seconds(p.pid) for p in procs)
            db = database_cpu_seconds() - db_before if database.startswith("postgresql") else 0.0
        finally:
            for p in procs:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(30)
        per_feed = (ours + db) / args.feeds * 1000
        print(f"{label:>22}: {args.feeds} feeds in {seconds:6.1f} s | CPU s: bot {ours:5.1f}, "
              f"database {db:4.1f} | {per_feed:.2f} ms of CPU per feed", flush=True)
    finally:
        server.stop()


def _database_url(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpora/feeds")
    parser.add_argument("--feeds", type=int, default=1500)
    parser.add_argument("--database", required=True, metavar="URL",
                        help="a PostgreSQL server (any database on it) to make bench databases on")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--parse-workers", type=int, default=1)
    parser.add_argument("--watchlist", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    for share, default in (("slow", 0.01), ("fail", 0.01), ("huge", 0.001), ("no-etag", 0.1)):
        parser.add_argument(f"--{share}-share", type=float, default=default)
    args = parser.parse_args(argv)
    import psycopg
    print(f"{args.feeds} feeds, bot.concurrency {args.concurrency} and "
          f"{args.parse_workers} parse worker(s) per process; the cold cycle")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sqlite"
        folder.mkdir()
        one_setting(args, "SQLite, 1 process", "bench.db", 1, folder)
        for workers in args.workers:
            name = f"newsalert_bench_{os.getpid()}_{workers}"
            with psycopg.connect(args.database, autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {name}")
            try:
                folder = Path(tmp) / name
                folder.mkdir()
                one_setting(args, f"PostgreSQL, {workers} worker{'s' * (workers > 1)}",
                            _database_url(args.database, name), workers, folder)
            finally:
                with psycopg.connect(args.database, autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
