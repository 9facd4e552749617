"""Memory and time for one hostile feed entry, with the per-entry field limits and without.

    python bench/entry_limits.py [--size 9000000] [--baseline-size 1000000]

Each case runs in a fresh process: the feed document is parsed (``parse_feed``), its entries
matched and extracted (``evaluate_poll``, what a poll does) and the alert rendered as text. The
process reports its resident size before the entry (idle: modules loaded, topics compiled) and
its peak after, and the time of parsing plus analysis. Cases: a normal article; one item with a
title of ``--size`` characters; one with a description of ``--size`` characters full of quotes
and figures. The same cases run again with the limits lifted (the code as it was before them),
at ``--baseline-size`` because the unlimited run at full size takes minutes and gigabytes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SENTENCE = ('"The International Criminal Court will rule on {n} March, and {n}% of the ${n}.2 '
            'billion fund is at stake," Karim Khan said on Monday {n}. ')


def feed_document(case: str, size: int) -> bytes:
    title = "Karim Khan asks the International Criminal Court for an arrest warrant"
    text = "The prosecutor Karim Khan spoke to reporters in The Hague on Monday. " * 20
    if case == "title":
        title += " word" * (size // 5)
    elif case == "text":
        parts, used, n = [], 0, 0
        while used < size:
            sentence = SENTENCE.format(n=n)
            parts.append(sentence)
            used += len(sentence)
            n += 1
        text = "".join(parts)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench'
            f'</title><item><title>{title}</title><link>https://example.org/1</link>'
            f'<guid>bench-1</guid><description>{text}</description></item></channel></rss>'
            ).encode()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def child(case: str, size: int, limits: bool) -> dict[str, float]:
    import bot.fieldlimits as fieldlimits
    import watchers.parse as parse
    from bot.config import FeedConfig
    from bot.matching.matcher import compile_topics
    from bot.models import Entity, Topic
    from bot.pipeline import Subscribers, evaluate_poll
    from bot.render import render_text

    if not limits:  # the code before the limits: every field read whole
        for name in ("MAX_TITLE", "MAX_TEXT", "MAX_ID", "MAX_LINK"):
            setattr(parse, name, 10**12)
            setattr(fieldlimits, name, 10**12)
    matcher = compile_topics([Topic("icc", "ICC", people=(Entity("person", "Karim Khan"),),
                                    organizations=(Entity("organization",
                                                          "International Criminal Court"),))])
    subscribers = Subscribers([("console:desk", "icc")], ["console"])
    feed = FeedConfig("bench", None, Path("bench.xml"), 600.0)
    data = feed_document(case, size)
    idle = rss_mb()
    started = time.perf_counter()
    parsed = parse.parse_feed(data, "https://example.org/feed", "bench")
    result = evaluate_poll(feed, parsed.entries, matcher, subscribers)
    seconds = time.perf_counter() - started
    alert_chars = sum(len(render_text(alert)) for alert, _ in result.alerts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"idle_mb": idle, "peak_mb": peak, "seconds": seconds, "alerts": len(result.alerts),
            "alert_chars": alert_chars}


def run(case: str, size: int, limits: bool) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", case, str(size),
                          "1" if limits else "0"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=9_000_000)
    parser.add_argument("--baseline-size", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, size, limits = args.child
        print(json.dumps(child(case, int(size), limits == "1")))
        return
    print(f"{'case':<8} {'limits':<7} {'chars':>10} {'idle MB':>8} {'peak MB':>8} "
          f"{'over idle':>9} {'seconds':>8} {'alert chars':>11}")
    for limits, size in ((True, args.size), (False, args.baseline_size)):
        for case in ("normal", "title", "text"):
            r = run(case, size, limits)
            chars = size if case != "normal" else 0
            print(f"{case:<8} {'on' if limits else 'off':<7} {chars:>10,} "
                  f"{r['idle_mb']:>8.0f} {r['peak_mb']:>8.0f} {r['peak_mb'] - r['idle_mb']:>9.0f} "
                  f"{r['seconds']:>8.2f} {int(r['alert_chars']):>11,}")


if __name__ == "__main__":
    main()
