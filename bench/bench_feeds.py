"""Throughput benchmark: thousands of feeds per cycle through the real watcher and pipeline.

Starts ``bench.feed_server`` in another process, then polls every feed for several cycles with
the real Fetcher, parse pool, Poller, matcher, extraction and store (a SQLite file in a temp
dir; alerts end in its outbox, which is not delivered). Before each cycle after the first, a
share of the feeds publishes one new entry that alerts. Then, in the same run, a baseline:
``feedparser.parse(url)`` over the same feeds in a pool of 16 threads, without conditional GET.

    python -m bench.bench_feeds --corpus ../shared/corpora/feeds --feeds 10000

Prints feeds/s per cycle, the time from a changed feed's poll start to its alerts being in the
outbox (p50/p95), peak RSS, CPU seconds (ours, the parse workers', the server's) and our/baseline
ratios. ``--cycles 10`` shows whether memory grows from cycle to cycle.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import json
import os
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import feedparser

from bench.feed_server import feed_url
from bot.config import FeedConfig, load_config
from bot.matching.matcher import compile_topics
from bot.pipeline import Subscribers
from bot.storage import SQLiteStore, StoryPolicy, describe_database, open_store
from watchers.batch import BatchWriter
from watchers.fetch import Fetcher
from watchers.netguard import NetPolicy
from watchers.parse_pool import ParsePool, default_parse_workers
from watchers.poll import Poller, PollOutcome
from watchers.schedule import PollScheduler

REPO = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

# The example config's topics, and a watchlist of the names most often found in the corpus.
TOPICS = """
[topics.icc]
title = "ICC warrants and war-crimes cases"
people = ["Benjamin Netanyahu", "Yoav Gallant", "Mohammed Deif",
          { name = "Karim Khan", aliases = ["Karim A. A. Khan"], surname = false }]
organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }, "Hamas",
                 "Amnesty International"]
events = ["arrest warrant", "war crimes", "crimes against humanity"]
exclude = ["cricket"]

[topics.courts]
title = "Court cases and legal action"
organizations = ["European Court of Human Rights", "Supreme Court"]
event_sets = ["legal"]
require_event = true

[topics.watchlist]
title = "Names in the news"
organizations = [{names}]
require_event = true
event_sets = ["legal"]

[[subscriptions]]
channel = "console:alerts"
topics = ["icc", "courts", "watchlist"]
"""


def watchlist(corpus: Path, size: int) -> list[str]:
    """The ``size`` capitalized two-word names found most often in the corpus."""
    counts: Counter[str] = Counter()
    for path in corpus.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="ignore")
            counts.update(re.findall(r"\b[A-Z][a-z]{2,} [A-Z][a-z]{2,}\b", text))
    return [name for name, _ in counts.most_common(size)]


def write_config(folder: Path, urls: list[str], names: list[str], concurrency: int) -> Path:
    feeds = "".join(f'[[feeds]]\nid = "f{i}"\nurl = "{u}"\n' for i, u in enumerate(urls))
    quoted = ", ".join(json.dumps(n) for n in names)
    path = folder / "bench.toml"
    path.write_text(f'[bot]\ndatabase = "bench.db"\ninterval = "10m"\n'
                    f'concurrency = {concurrency}\nallow_hosts = ["127.0.0.1"]\n\n'
                    '[adapters.console]\nenabled = true\n\n'
                    + feeds + TOPICS.replace("{names}", quoted), encoding="utf-8")
    return path


def database_cpu_seconds() -> float:
    """CPU time of every PostgreSQL server process on this machine (run the benchmark where
    nothing else uses the server)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            if stat.read_text().split(" ", 2)[1] == "(postgres)":
                total += cpu_seconds(int(stat.parent.name))
    return total


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a running process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0


@dataclass
class Cycle:
    name: str
    feeds: int
    seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)
    peak_rss: int = 0
    """Peak of our process plus the parse workers, sampled every 50 ms."""
    end_rss: int = 0

    @property
    def rate(self) -> float:
        return self.feeds / self.seconds

    def line(self) -> str:
        o = self.outcomes
        lat = (f"p50 {percentile(self.latencies, 50):.3f} s, p95 "
               f"{percentile(self.latencies, 95):.3f} s over {len(self.latencies)} polls"
               if self.latencies else "no alerts")
        return (f"{self.name:>8}: {self.feeds} feeds in {self.seconds:6.1f} s = "
                f"{self.rate:7.0f} feeds/s | parsed {o['parsed']}, 304/unchanged "
                f"{o['not_modified']}, failed {o['failed']}, new entries {o['new']}, alerts "
                f"{o['alerts']} | poll start -> outbox: {lat}\n{'':>10}CPU s: "
                + ", ".join(f"{k} {v:.1f}" for k, v in self.cpu.items())
                + f" | RSS peak {self.peak_rss / 2**20:.0f} MB, end {self.end_rss / 2**20:.0f} MB")


def percentile(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


class Server:
    """The feed server in its own process."""

    def __init__(self, args: argparse.Namespace) -> None:
        command = [sys.executable, "-m", "bench.feed_server", "--corpus", str(args.corpus),
                   "--feeds", str(args.feeds), "--seed", str(args.seed),
                   "--slow-share", str(args.slow_share), "--fail-share", str(args.fail_share),
                   "--huge-share", str(args.huge_share), "--no-etag-share",
                   str(args.no_etag_share)]
        self.process = subprocess.Popen(command, cwd=REPO, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        ready = json.loads(self.process.stdout.readline() or "{}")
        if "ports" not in ready:
            raise SystemExit("the feed server did not start")
        self.ports: list[int] = ready["ports"]
        self.control = f"http://127.0.0.1:{self.ports[0]}/control"

    def urls(self, feeds: int) -> list[str]:
        return [feed_url(self.ports, i) for i in range(feeds)]

    def publish(self, share: float) -> list[int]:
        request = urllib.request.Request(f"{self.control}/cycle?changed={share}", method="POST")
        with urllib.request.urlopen(request) as response:
            return json.load(response)["changed"]

    def stats(self) -> dict[str, object]:
        with urllib.request.urlopen(f"{self.control}/stats") as response:
            return json.load(response)

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


async def run_cycles(args: argparse.Namespace, server: Server, folder: Path,
                     profile: cProfile.Profile | None) -> list[Cycle]:
    names = watchlist(args.corpus, args.watchlist)
    config = load_config(write_config(folder, server.urls(args.feeds), names, args.concurrency))
    matcher = compile_topics(config.topics)
    pairs = [(s.channel, t) for s in config.subscriptions for t in s.topics]
    subscribers = Subscribers(pairs, ["console"])
    store = SQLiteStore.open(config.bot.database) if args.database is None else \
        open_store(args.database)
    policy = StoryPolicy(window=args.story_window or config.bot.story_window,
                         rules=config.channel_rules())
    writer = BatchWriter(store, time.time, lambda: policy,
                         max_batch=max(1, args.concurrency // 2))
    workers = default_parse_workers() if args.parse_workers is None else args.parse_workers
    print(f"{args.feeds} feeds, {len(names)} watched names, concurrency {args.concurrency}, "
          f"{workers} parse workers, store "
          f"{describe_database(args.database or config.bot.database)}")
    cycles = []
    net = NetPolicy.allowing(config.bot.allow_hosts)
    async with Fetcher(config.bot.user_agent, policy=net) as fetcher, ParsePool(
            workers, matcher) as parser:
        poller = Poller(store, fetcher, lambda: (matcher, subscribers), time.time,
                        random.Random(args.seed), max_entries=config.bot.max_entries,
                        policy=lambda: policy, parser=parser, writer=writer)
        for number in range(args.cycles):
            if number:
                server.publish(args.changed)
            name = "cold" if number == 0 else f"warm {number}"
            profiled = profile is not None and (number == 0) == args.profile_cold
            if profiled:
                profile.enable()
            cycles.append(await one_cycle(name, config.feeds, poller, parser, server,
                                          args.concurrency))
            if profiled:
                profile.disable()
            print(cycles[-1].line(), flush=True)
    store.close()
    return cycles


async def one_cycle(name: str, feeds: tuple[FeedConfig, ...], poller: Poller, parser: ParsePool,
                    server: Server, concurrency: int) -> Cycle:
    cycle = Cycle(name, len(feeds))

    async def timed(feed: FeedConfig) -> PollOutcome:
        started = time.perf_counter()
        outcome = await poller.poll(feed)
        took = time.perf_counter() - started
        o = cycle.outcomes
        if not outcome.ok:
            o["failed"] += 1
        elif outcome.not_modified:
            o["not_modified"] += 1
        else:
            o["parsed"] += 1
        o["new"] += outcome.new_entries
        o["alerts"] += outcome.alerts
        if outcome.alerts:
            cycle.latencies.append(took)
        return outcome

    scheduler = PollScheduler(poller.store, lambda: feeds, timed, concurrency, time.time)
    pids = parser.pids
    before = {"ours": cpu_seconds(os.getpid()), "workers": sum(map(cpu_seconds, pids)),
              "server": cpu_seconds(server.process.pid)}
    database = poller.store.shared
    if database:
        before["database"] = database_cpu_seconds()
    sampling = asyncio.ensure_future(sample_rss(cycle, parser))
    started = time.perf_counter()
    await scheduler.poll_all()
    cycle.seconds = time.perf_counter() - started
    sampling.cancel()
    pids = parser.pids
    cycle.cpu = {"ours": cpu_seconds(os.getpid()) - before["ours"],
                 "workers": sum(map(cpu_seconds, pids)) - before["workers"],
                 "server": cpu_seconds(server.process.pid) - before["server"]}
    if database:
        cycle.cpu["database"] = database_cpu_seconds() - before["database"]
    cycle.end_rss = rss_bytes(os.getpid()) + sum(map(rss_bytes, pids))
    return cycle


async def sample_rss(cycle: Cycle, parser: ParsePool) -> None:
    while True:
        total = rss_bytes(os.getpid()) + sum(map(rss_bytes, parser.pids))
        cycle.peak_rss = max(cycle.peak_rss, total)
        await asyncio.sleep(0.05)


def baseline(urls: list[str], server: Server) -> Cycle:
    """feedparser.parse(url) for every feed in 16 threads, as a simple script would."""
    cycle = Cycle("baseline", len(urls))

    def one(url: str) -> None:
        parsed = feedparser.parse(url, agent="newsalert-bench")
        cycle.outcomes["failed" if parsed.get("status", 0) >= 400 else "parsed"] += 1
        cycle.outcomes["new"] += len(parsed.entries)

    cpu, server_cpu = time.process_time(), cpu_seconds(server.process.pid)
    started = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(one, urls))
    cycle.seconds = time.perf_counter() - started
    cycle.cpu = {"ours": time.process_time() - cpu,
                 "server": cpu_seconds(server.process.pid) - server_cpu}
    cycle.peak_rss = cycle.end_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return cycle


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpora/feeds",
                        help="folder of captured feed files")
    parser.add_argument("--feeds", type=int, default=10_000)
    parser.add_argument("--cycles", type=int, default=2, help="cycles to run (10: memory check)")
    parser.add_argument("--changed", type=float, default=0.1,
                        help="share of feeds with a new entry before each cycle after the first")
    parser.add_argument("--concurrency", type=int, default=200,
                        help="bot.concurrency (above the number of slow feeds, so that they "
                             "cannot hold every fetch slot at once)")
    parser.add_argument("--parse-workers", type=int, default=None, help="bot.parse_workers")
    parser.add_argument("--watchlist", type=int, default=300, help="watched names")
    parser.add_argument("--baseline-feeds", type=int, default=None,
                        help="feeds for the baseline (default: all; 0 skips it)")
    parser.add_argument("--story-window", type=float, default=None,
                        help="seconds a story stays open (default: bot.story_window, 36 h, "
                             "longer than the run); a short one shows what memory the window "
                             "holds")
    parser.add_argument("--database", default=None, metavar="URL",
                        help="an empty PostgreSQL database to use instead of an SQLite file; "
                             "the database server's CPU time is counted too")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow-share", type=float, default=0.01,
                        help="share of feeds answering after 2 s")
    parser.add_argument("--fail-share", type=float, default=0.01,
                        help="share of feeds answering 500")
    parser.add_argument("--huge-share", type=float, default=0.001,
                        help="share of 4 MB feeds")
    parser.add_argument("--no-etag-share", type=float, default=0.1,
                        help="share of feeds sent without validators (always 200)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="profile our process during the warm cycles (cProfile) into this "
                             "file and print where the time went")
    parser.add_argument("--profile-cold", action="store_true",
                        help="with --profile: profile the cold cycle instead (with "
                             "--parse-workers 0 the profile holds parsing and matching too)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no such corpus folder")

    print(f"machine: {os.cpu_count()} cores, load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    server = Server(args)
    try:
        with tempfile.TemporaryDirectory(prefix="newsalert-bench-") as folder:
            profile = cProfile.Profile() if args.profile else None
            cycles = asyncio.run(run_cycles(args, server, Path(folder), profile))
            if profile:
                profile.dump_stats(args.profile)
                pstats.Stats(str(args.profile)).sort_stats("tottime").print_stats(30)
        count = args.feeds if args.baseline_feeds is None else args.baseline_feeds
        base = baseline(server.urls(count), server) if count else None
        if base:
            print(base.line().split(" | poll")[0] + f" | CPU s: ours {base.cpu['ours']:.1f}, "
                  f"server {base.cpu['server']:.1f}")
        print("server:", json.dumps(server.stats()))
    finally:
        server.stop()

    warm = cycles[1:]
    latencies = [x for c in warm for x in c.latencies]
    warm_rate = statistics.mean(c.rate for c in warm) if warm else 0.0
    peak = max(c.peak_rss for c in cycles)
    served = sum(c.cpu["server"] for c in cycles)
    print("\nsummary")
    print(f"  cold: {cycles[0].rate:.0f} feeds/s ({cycles[0].seconds:.1f} s)")
    if warm:
        print(f"  warm: {warm_rate:.0f} feeds/s (mean of {len(warm)} cycles)")
    if latencies:
        print(f"  new entry, poll start -> outbox: p50 {percentile(latencies, 50):.3f} s, "
              f"p95 {percentile(latencies, 95):.3f} s")
    print(f"  peak RSS (ours + parse workers): {peak / 2**20:.0f} MB; after each cycle: "
          + ", ".join(f"{c.end_rss / 2**20:.0f}" for c in cycles) + " MB")
    print("  CPU s per cycle (ours + workers): " + ", ".join(
        f"{c.cpu['ours'] + c.cpu['workers']:.1f}" for c in cycles))
    cores = os.cpu_count() or 1
    busy = sum(cycles[0].cpu.values())
    print(f"  cold cycle used {busy:.1f} CPU s (with the server's), {busy / cores:.1f} s of all "
          f"{cores} cores: the least it can take on this machine when nothing else runs")
    print(f"  feed server: {served:.1f} CPU s in our cycles, "
          f"{served / sum(c.seconds for c in cycles):.0%} of one core")
    if base:
        print(f"  baseline: {base.rate:.0f} feeds/s; ours/baseline: cold "
              f"{cycles[0].rate / base.rate:.1f}x"
              + (f", warm {warm_rate / base.rate:.1f}x" if warm else ""))
    print("\ntargets (for 10,000 feeds)")
    cold = cycles[0].seconds * 10_000 / args.feeds
    checks = [(f"cold cycle <= 120 s: {cold:.1f} s"
               + ("" if args.feeds == 10_000 else f" (scaled from {args.feeds} feeds)"),
               cold <= 120)]
    if warm:
        checks.append((f"warm >= 1,000 feeds/s: {warm_rate:.0f}", warm_rate >= 1000))
    if base and warm:
        checks.append((f"warm >= 5x baseline: {warm_rate / base.rate:.1f}x",
                       warm_rate >= 5 * base.rate))
    if base:
        checks.append((f"cold >= 5x baseline: {cycles[0].rate / base.rate:.1f}x",
                       cycles[0].rate >= 5 * base.rate))
    if latencies:
        checks.append((f"p95 poll start -> outbox < 2 s: {percentile(latencies, 95):.3f} s",
                       percentile(latencies, 95) < 2))
    checks.append((f"peak RSS < 500 MB: {peak / 2**20:.0f} MB", peak < 500 * 2**20))
    for text, met in checks:
        print(f"  {'met   ' if met else 'MISSED'} {text}")

if __name__ == "__main__":
    main()
