"""What the desk taught: per topic, the alerts marked "not relevant" and the config changes that
would have spared them (``bot.suggestions``), read from the store for ``newsalert report`` and
the status site's report page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.defang import printable
from bot.errors import InputError
from bot.models import Article
from bot.render import count
from bot.suggestions import Combined, Suggestion, TopicSuggestions, suggest

if TYPE_CHECKING:
    from bot.config import Config
    from bot.storage import Store
    from bot.storage.records import StoredArticle

__all__ = ["DeskData", "MarkedAlert", "TopicReport", "desk_report", "read_desk",
           "render_report"]

DEFAULT_DAYS = 30
"""The report's window when none is given: marks made and alerts raised in the last 30 days."""
FEW_KEPT = 10
"""Unmarked alerts below which the report warns that "loses none" is weak evidence."""
LOST_SHOWN = 5
"""Titles of the unmarked alerts a suggestion would lose that the text report names."""


@dataclass(frozen=True)
class MarkedAlert:
    alert_id: int
    title: str
    url: str | None
    mentions: tuple[str, ...]
    """The topic's names and wordings the alert was matched on, as the marks recorded them."""
    channels: tuple[str, ...]
    """The channels that marked it."""


@dataclass(frozen=True)
class TopicReport:
    topic: str
    title: str
    marked: tuple[MarkedAlert, ...]
    alerts: int
    """Alerts of the topic in the window, marked or not."""
    without_text: int
    """Of those, alerts stored before their texts were kept: they cannot be matched again."""
    found: TopicSuggestions | None
    """None when the topic is no longer in the config."""
    titles: dict[int, str]
    """Every alert's title, by id, to name what a suggestion would lose."""


@dataclass(frozen=True)
class DeskData:
    """What the report is made of, as read from the store for one topic."""

    topic: str
    marks: dict[int, list[tuple[str, tuple[str, ...]]]]
    """Per marked alert: each channel that marked it, with the mentions it recorded."""
    stored: dict[int, StoredArticle]
    """The topic's alerts in the window and the marked ones, by id."""


def read_desk(config: Config, store: Store, since: float,
              topic: str | None = None) -> list[DeskData]:
    """Read, per topic with "not relevant" marks since ``since`` (or for ``topic`` alone, marked
    or not), the marks and the stored alerts; an unknown ``topic`` is an error naming the known
    ones."""
    if topic is not None and config.topic(topic) is None:
        raise InputError(f"topic {topic!r} is not in {config.path} (topics: "
                         f"{', '.join(t.id for t in config.topics) or 'none'})")
    by_topic: dict[str, dict[int, list[tuple[str, tuple[str, ...]]]]] = defaultdict(dict)
    for mark in store.feedback_marks(since, kind="not_relevant", topic=topic):
        by_topic[mark.topic].setdefault(mark.alert_id, []).append((mark.channel, mark.mentions))
    order = [t.id for t in config.topics if t.id in by_topic or t.id == topic]
    order += sorted(t for t in by_topic if config.topic(t) is None)
    data = []
    for topic_id in order:
        marks = by_topic.get(topic_id, {})
        stored = {a.alert_id: a for a in store.stored_articles(since, topic=topic_id)}
        missing = [i for i in marks if i not in stored]
        if missing:  # marked lately, raised before the window
            stored.update((a.alert_id, a) for a in store.stored_articles(alert_ids=missing))
        data.append(DeskData(topic_id, marks, stored))
    return data


def desk_report(config: Config, data: list[DeskData]) -> list[TopicReport]:
    """The report of each topic read: its marked alerts, and the suggestions checked by
    matching its stored alerts again (no I/O: the status site runs it in a thread)."""
    return [_topic_report(config, d) for d in data]


def _topic_report(config: Config, data: DeskData) -> TopicReport:
    stored, marks = data.stored, data.marks
    marked = tuple(
        MarkedAlert(i, stored[i].alert.title if i in stored else "(alert no longer stored)",
                    stored[i].alert.url if i in stored else None,
                    tuple(dict.fromkeys(m for _, mentions in found for m in mentions)),
                    tuple(dict.fromkeys(channel for channel, _ in found)))
        for i, found in marks.items())
    topic = config.topic(data.topic)
    with_text = [a for a in stored.values() if a.text]
    found = suggest(topic, ((a.alert_id, _article(a)) for a in with_text), set(marks)) \
        if topic is not None else None
    return TopicReport(data.topic, topic.title if topic else data.topic, marked, len(stored),
                       len(stored) - len(with_text), found,
                       {i: a.alert.title for i, a in stored.items()})


def _article(stored: StoredArticle) -> Article:
    """The article as it was matched when the alert was raised."""
    alert = stored.alert
    return Article(alert.title, stored.text, alert.url, alert.text_form)


def render_report(reports: list[TopicReport], days: float) -> str:
    """The report as plain text, for ``newsalert report``."""
    window = f"the last {days:g} day{'' if days == 1 else 's'}"
    if not reports:
        return f"No alert was marked not relevant in {window}."
    blocks = [f"What the desk taught, {window}:"]
    for report in reports:
        lines = ["", f"== {report.topic} ({report.title}): {count(len(report.marked), 'alert')} "
                 f"marked not relevant of {report.alerts} raised"]
        for alert in report.marked:
            lines.append(f"  - {alert.title}" + (f" <{alert.url}>" if alert.url else ""))
            if alert.mentions:
                lines.append(f"    matched on: {', '.join(alert.mentions)}")
            lines.append(f"    marked in: {', '.join(alert.channels)}")
        lines.extend(_suggestion_lines(report))
        blocks.append("\n".join(printable(line) for line in lines))
    return "\n".join(blocks)


def _suggestion_lines(report: TopicReport) -> list[str]:
    found = report.found
    if found is None:
        return ["  This topic is no longer in the config: nothing to suggest."]
    lines = []
    if report.without_text:
        lines.append(f"  {count(report.without_text, 'alert')} stored without its text "
                     "cannot be matched again and is left out.")
    if found.unmatched:
        lines.append(f"  {count(len(found.unmatched), 'alert')} the topic no longer raises as "
                     "configured now is left out.")
    if not found.marked:
        return [*lines, "  No marked alert can be matched again: nothing to suggest."]
    if not found.suggestions:
        return [*lines, f"  No change to the config would have removed any of the "
                        f"{len(found.marked)} marked alerts matched again."]
    lines.append(f"  Suggestions, matched again on {len(found.marked)} marked and "
                 f"{len(found.kept)} unmarked alerts:")
    if _few_kept(found):
        lines.append(f"  Only {count(len(found.kept), 'unmarked alert')} to check against: a "
                     "change that loses none of them may still lose alerts the desk wants.")
    if any(not s.specific for s in found.suggestions):
        lines.append("  (broad): narrows the topic beyond the marked alerts' own wording, so it "
                     "may drop alerts the desk wants and has not read.")
    for n, s in enumerate(found.suggestions, start=1):
        lines.extend(_one(f"{n}.", s, report.titles, len(found.marked)))
    if found.together is not None:
        lines.extend(_one("All", found.together, report.titles, len(found.marked)))
    lines.append("  Nothing was changed: paste a snippet over the topic's keys to apply it.")
    return lines


def _few_kept(found: TopicSuggestions) -> bool:
    """Whether too few unmarked alerts were matched again for "loses none" to say much."""
    return len(found.kept) < FEW_KEPT


def _one(label: str, s: Suggestion | Combined, titles: dict[int, str], marked: int
         ) -> list[str]:
    head = f"  {label} {s.describe()}" if label != "All" else \
        f"  Together, every change specific to the marked alerts that loses nothing: " \
        f"{s.describe()}"
    if isinstance(s, Suggestion) and not s.specific:
        head += " (broad)"
    verdict = f"removes {len(s.removed)} of {marked} marked"
    verdict += f", loses {len(s.lost)} unmarked (read them before applying: " \
        f"{'; '.join(titles.get(i, str(i)) for i in s.lost[:LOST_SHOWN])}" \
        f"{'; ...' if len(s.lost) > LOST_SHOWN else ''})" if s.lost else ", loses none unmarked"
    return [head, f"     {verdict}", *(f"     | {line}" for line in s.toml().splitlines())]
