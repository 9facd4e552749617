"""How fast Discord embeds are built, against the plain-text rendering of the same alerts.

Run: ``PYTHONPATH=. python bench/discord_embeds.py [--seconds 1]``. The alerts are the sample
feeds' articles analysed with the example config, plus one oversized alert that must be trimmed
to Discord's limits; the baseline is ``render_text`` (the console output) on the same alerts.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from adapters.discord_embeds import alert_embed, digest_embed
from bot.analysis import analyze
from bot.config import load_config
from bot.inputs import read_articles
from bot.matching.matcher import compile_topics
from bot.models import Alert, Extraction, Quote
from bot.render import render_text

REPO = Path(__file__).resolve().parents[1]


def sample_alerts() -> list[Alert]:
    config = load_config(REPO / "config.example.toml", environ={"DISCORD_TOKEN": "x",
                                                                "SLACK_BOT_TOKEN": "x",
                                                                "SLACK_APP_TOKEN": "x"})
    matcher = compile_topics(config.topics)
    alerts = []
    for feed in sorted((REPO / "examples" / "feeds").glob("*.xml")):
        for article in read_articles(feed):
            analysis = analyze(article, matcher)
            if analysis.topics:
                alerts.append(Alert(feed.stem, article.title, feed.stem, article.title,
                                    article.url, None, article.text_form, analysis.topics,
                                    analysis.extraction))
    return alerts


def oversized(alert: Alert) -> Alert:
    text = "word " * 4000
    return dataclasses.replace(alert, title=text, extraction=Extraction(
        summary=(text,) * 3, figures=alert.extraction.figures,
        quotes=tuple(Quote(text, f"Speaker {i}") for i in range(20))))


def per_call(fn: Callable[[Alert], object], alerts: Sequence[Alert], seconds: float) -> float:
    """Microseconds per call, over at least ``seconds`` of repeated passes."""
    calls, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for alert in alerts:
            fn(alert)
        calls += len(alerts)
    return elapsed / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    seconds = parser.parse_args().seconds
    alerts = sample_alerts()
    big = [oversized(alerts[0])]
    rows = [
        ("render_text (baseline), sample alerts", per_call(render_text, alerts, seconds)),
        ("alert_embed, sample alerts", per_call(alert_embed, alerts, seconds)),
        ("render_text (baseline), oversized alert", per_call(render_text, big, seconds)),
        ("alert_embed, oversized alert (trimmed)", per_call(alert_embed, big, seconds)),
        ("digest_embed, 50 alerts", per_call(lambda a: digest_embed([a] * 50), alerts, seconds)),
    ]
    print(f"{len(alerts)} sample alerts; {seconds:.1f} s per row")
    for name, micros in rows:
        print(f"{name:42} {micros:9.1f} µs/call {1e6 / micros:10.0f}/s")
    print(f"embed vs text on sample alerts: {rows[1][1] / rows[0][1]:.1f}x the time")


if __name__ == "__main__":
    main()
