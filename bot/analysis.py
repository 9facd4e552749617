"""The whole pure pipeline for one article (text-form detection, matching, extraction), and its
JSON form, which ``newsalert analyze`` prints and tools depend on."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.extract import extract
from bot.extract.layout import story_first, without_links
from bot.matching.matcher import Matcher
from bot.models import Analysis, Article, TopicMatch

__all__ = ["analyze", "analysis_to_json", "match_topics"]


def match_topics(article: Article, matcher: Matcher) -> tuple[TopicMatch, ...]:
    """The topics the article alerts, with a photo caption that opens the text read after the
    story (a name in the caption is not in the lead), and without the lines that point to other
    stories ("SEE ALSO: ...": a name there is theirs)."""
    text = story_first(without_links(article.text))
    return matcher.match(article if text is article.text else replace(article, text=text))


def analyze(article: Article, matcher: Matcher) -> Analysis:
    topics = match_topics(article, matcher)
    return Analysis(article=article, topics=topics, extraction=extract(article, topics))


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    article, extraction = analysis.article, analysis.extraction
    return {
        "title": article.title,
        "url": article.url,
        "text_form": article.text_form,
        "topics": [
            {
                "topic": t.topic,
                "matches": [
                    {
                        "kind": m.kind,
                        "name": m.name,
                        "count": m.count,
                        "evidence": list(m.evidence),
                        "in_title": m.in_title,
                        "prominence": m.prominence,
                        "resolved": list(m.resolved),
                    }
                    for m in t.matches
                ],
            }
            for t in analysis.topics
        ],
        "summary": list(extraction.summary),
        "figures": [
            {"text": f.text, "value": f.value, "unit": f.unit, "currency": f.currency,
             "upper": f.upper}
            for f in extraction.figures
        ],
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in extraction.quotes],
    }
