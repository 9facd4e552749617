"""Key figures: the numbers that carry a story, each with its unit and the words around it.

A number is a key figure only when it has a unit that says what it counts: a currency or a
scale ("$5 million", "£600m", "€1.2bn"), a percentage, a multiplier ("three times"), a count
noun ("44,056 people", "124 national members") or a duration ("13 months"). That rule alone keeps
out dates, times, street numbers and list numbering; ages ("aged 45", "45-year-old") are
excluded explicitly. Stemmed text writes "1 , 200 peopl": the groups are rejoined and the nouns
are matched as stems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.vocab import both_forms, raw_forms, words
from bot.models import Figure, TextForm

__all__ = ["find_figures", "parse_number"]

_SMALL_NUMBERS = """zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty"""
# "one" is left out: it is hardly ever the figure ("one of the aims").
_WORD_NUMBERS = {word: float(n) for n, word in enumerate(_SMALL_NUMBERS.split()) if n >= 2} | {
    "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
    "eighty": 80.0, "ninety": 90.0, "hundred": 100.0, "dozen": 12.0,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "a$": "AUD", "c$": "CAD",
    "hk$": "HKD", "rs": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP", "chf": "CHF",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF",
}  # fmt: skip
_COUNT_NOUNS = raw_forms(
    """
people persons civilians children kids women men adults soldiers troops fighters militants
hostages prisoners detainees refugees migrants residents patients deaths dead casualties victims
injured wounded members states countries nations employees workers jobs staff users customers
subscribers voters votes seats students homes houses buildings cases charges counts warrants
others lives families households villages towns schools hospitals journalists officers police
policemen protesters demonstrators candidates delegates lawmakers judges passengers flights cars
vehicles vessels ships aircraft planes rockets missiles drones bombs shares units tonnes tons
barrels kilometres kilometers km miles acres hectares sq copies visitors viewers fans doctors
nurses teachers firms companies banks stores shops games goals points runs wickets
"""
)
_DURATION_NOUNS = raw_forms("years months weeks days hours minutes decades")
_SINGULAR_DURATIONS = both_forms("year month week day hour minute decade")
_MULTIPLIERS = both_forms("times fold")
# Raw and stemmed spellings ("nearly" / "nearli") of the words that qualify a count.
_QUALIFIERS = re.compile(
    r"(?:at least|more than|less than|fewer than|up to|as many as|at most|close to|about|around|"
    r"over|some|nearly|nearli|almost|roughly|roughli|approximately|approxim|an estimated|"
    r"an estim|between|from)\s+$",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:(?:,| , )\d{3})+|\d+)(?:\.\d+)?(?![\d])"
    # The lookahead on the first letter spares trying every word at every position.
    r"|\b(?=[tfsenhd])(?:" + "|".join(_WORD_NUMBERS) + r")\b",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?:\b(?:us|a|c|hk)\$|[$£€¥]|\b(?:usd|eur|gbp|chf|rs\.?))\s?$", re.IGNORECASE
)
_SCALE_AFTER = re.compile(
    r"(?:\s?(?:bn|mn|tn|m|b|k)\b|\s(?:thousand|million|billion|trillion)\b)", re.IGNORECASE
)
_CURRENCY_AGAIN = re.compile(r"(?:\b(?:us|a|c|hk)\$|[$£€¥])", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s?(?:%|per ?cent\b)", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"(?:\s?(?:-|–|to|and)\s?)(?=\d|[a-z]+\b|[$£€¥])", re.IGNORECASE)
_WORD = re.compile(r"\s+(?:-\s+)?([A-Za-z][\w'’-]*)")
_AGE = re.compile(r"\s?-?\s?(?:year|yr)s?\s?-\s?old|\s+years?\s+old|\s+year\s+old", re.IGNORECASE)
_TIME = re.compile(r"\s?(?::\s?\d\d|[ap]\.?m\b|gmt|bst|utc)", re.IGNORECASE)
_MONTH = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januari|januar|februari|"
    r"march|april|june|juli|august|septemb|octob|novemb|decemb|january|february|july|"
    r"september|october|november|december"
)
_MONTH_AFTER = re.compile(rf"\s(?:{_MONTH})\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s$", re.IGNORECASE)
_STOP = re.compile(r"[,.;:!?](?=\s|$)|[()\[\]\"“”«»]|``|''|\s-\s|\n")

_DANGLING = words(
    """
in on at to of by for with from as and or but the a an more than less that which who while after
before into over under about have has had been be being will would could should can may might is
are was were
"""
)
_RIGHT_WORD = re.compile(r"\s+[^\s,;:!?()\"“”]+")
_CONJUNCTIONS = words("and but or while which who whose where when")
_GROUPING = re.compile(r"\s|,")
_AGED = re.compile(r"\baged?\s$", re.IGNORECASE)
_LEFT_WORD = re.compile(r"(\S+)\s+$")
_CLAUSE_EDGE = re.compile(r"[,.;:!?\"“”()]$|^(?:``|''|-)$")
# Words a figure's phrase may start with when the words before it lead up to it ("called the
# UK's £3bn rebate" -> "the UK's £3bn rebate").
_PHRASE_STARTS = words("a an the its their his her our this that these those")
# Counted by a number word, these are people in the story rather than a key figure ("the five
# men bore responsibility").
_PERSONS = frozenset({"people", "persons", "men", "women", "adults", "children", "others"})
_KIND_WEIGHT = {"money": 5.0, "count": 4.0, "percent": 3.0, "multiplier": 2.5, "duration": 1.5}


@dataclass(frozen=True)
class _Found:
    figure: Figure
    kind: str
    start: int  # where the number is
    end: int
    left: int  # where its phrase starts


def parse_number(token: str) -> float:
    """The value of a number as written: "1,206" -> 1206, "1 , 200" -> 1200, "five" -> 5."""
    word = token.lower()
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word]
    return float(_GROUPING.sub("", token))


def _whole(value: float) -> float | int:
    value = float(f"{value:.12g}")  # 8.2 * 1e9 is 8199999999.999999 in binary
    return int(value) if value == int(value) and abs(value) < 1e18 else value


def _unit_after(text: str, pos: int) -> tuple[str, str, int] | None:
    """What the number counts: (kind, unit, end offset), looking at most two modifiers ahead."""
    words = []
    cursor = pos
    for _ in range(3):
        m = _WORD.match(text, cursor)
        if not m:
            break
        words.append((m.group(1).lower(), m.end()))
        cursor = m.end()
    for i, (word, end) in enumerate(words):
        if word in _DURATION_NOUNS or (
            i == 0 and word in _SINGULAR_DURATIONS and text[pos : pos + 2].lstrip().startswith("-")
        ):
            return ("duration", _DURATION_NOUNS.get(word, word + "s"), end) if i == 0 else None
        if word in _MULTIPLIERS and i == 0:
            return "multiplier", "times", end
        if word in _CURRENCY_WORDS and i == 0:
            return "money", _CURRENCY_WORDS[word], end
        if word in _COUNT_NOUNS:
            return "count", _COUNT_NOUNS[word], end
        if word in (
            "of",
            "and",
            "or",
            "the",
            "a",
            "to",
            "in",
            "on",
            "at",
            "for",
            "by",
            "from",
            "per",
            "as",
            "wa",
            "was",
            "were",
            "are",
            "is",
            "had",
            "have",
            "ha",
        ):
            return None
    return None


def find_figures(
    text: str, form: TextForm = "raw", limit: int = 5, headline: str = ""
) -> list[Figure]:
    """The key figures of ``headline`` and ``text``, most telling first, each value once. A
    headline's figure is shown with its unit only (the headline around it is no phrase), or
    in the words of the text when the text gives the same value."""
    headline_end = len(headline)
    if headline:
        text = f"{headline}\n\n{text}"
    found: list[_Found] = []
    length = len(text)
    consumed = 0
    for m in _NUMBER.finditer(text):
        token = m.group()
        start, end = m.start(), m.end()
        if start < consumed:
            continue  # the top of a range already read
        is_word = token[0].isalpha()
        before = text[max(0, start - 12) : start]
        if not is_word and (
            _TIME.match(text, end)
            or _MONTH_AFTER.match(text, end)
            or _MONTH_BEFORE.search(before)
            or _AGE.match(text, end)
        ):
            continue
        if _AGED.search(before):
            continue
        value = parse_number(token)
        currency = None
        kind = unit = None
        cur = _CURRENCY_BEFORE.search(before)
        if cur and not is_word:
            currency = _CURRENCY_SYMBOLS.get(cur.group().strip().lower().rstrip("."))
            start -= len(cur.group())
        scale = _SCALE_AFTER.match(text, end)
        if (
            scale
            and not is_word
            and (
                currency
                or scale.group().strip().lower()
                in ("thousand", "million", "billion", "trillion", "bn", "tn")
            )
        ):
            value *= _SCALES[scale.group().strip().lower()]
            end = scale.end()
        upper = None
        rng = _RANGE_AFTER.match(text, end)
        if rng and not is_word:
            second_at = rng.end()
            if currency:
                again = _CURRENCY_AGAIN.match(text, second_at)
                second_at = again.end() if again else second_at
            second = _NUMBER.match(text, second_at)
            if second and not second.group()[0].isalpha():
                upper_value = parse_number(second.group())
                second_end = second.end()
                scale2 = _SCALE_AFTER.match(text, second_end)
                if scale2 and scale and scale2.group().strip().lower() in _SCALES:
                    upper_value *= _SCALES[scale2.group().strip().lower()]
                    second_end = scale2.end()
                elif scale and value != parse_number(token):
                    upper_value *= value / parse_number(token)
                if upper_value > value:
                    upper, end = upper_value, second_end
                    consumed = second_end
        pct = _PERCENT_AFTER.match(text, end)
        if currency:
            kind, unit = "money", None
        elif pct and not is_word:
            kind, unit, end = "percent", "%", pct.end()
        else:
            after = _unit_after(text, end)
            if after is None:
                if scale and value >= 1e6 and not is_word:
                    kind, unit = "count", None
                else:
                    continue
            else:
                kind, unit, end = after
                if kind == "money":
                    currency, unit = unit, None
        if is_word and (
            kind not in ("count", "duration", "multiplier")
            or (kind == "count" and unit in _PERSONS)
        ):
            continue
        qualifier = _QUALIFIERS.search(text[max(0, start - 20) : start])
        if qualifier:
            start -= len(qualifier.group())
        if m.start() >= headline_end:
            start = _extend_left(
                text, start, 3 if kind in ("money", "percent", "multiplier") else 0
            )
            end = _extend_right(text, end, length)
        figure = Figure(
            text=text[start:end].strip(),
            value=_whole(value),
            unit=unit,
            currency=currency,
            upper=_whole(upper) if upper is not None else None,
        )
        found.append(_Found(figure, kind, m.start(), end, start))
    return _rank(found, length, limit, headline_end)


def _extend_left(text: str, start: int, words: int) -> int:
    """Up to ``words`` words before the figure, in its clause, from a determiner among them
    when there is one (not from the verb before it)."""
    starts = [start]
    for _ in range(words):
        m = _LEFT_WORD.search(text[max(0, start - 40) : start])
        if not m or _CLAUSE_EDGE.search(m.group(1)):
            break
        start -= len(m.group())
        starts.append(start)
        word = m.group(1).lower()
        if word in _PHRASE_STARTS:
            # "a $900m" reads better as "$900m"; "the UK's £3bn rebate" keeps its "the".
            return starts[0] if len(starts) == 2 and word in ("a", "an") else start
    return starts[-1]


def _extend_right(text: str, end: int, length: int, words: int = 4) -> int:
    stop = _STOP.search(text, end, min(length, end + 80))
    limit = stop.start() if stop else min(length, end + 80)
    cursor = best = end
    for _ in range(words):
        m = _RIGHT_WORD.match(text, cursor, limit)
        if not m:
            break
        word = m.group().strip().lower()
        if word in _CONJUNCTIONS:
            break
        if word not in _DANGLING:
            best = m.end()
        cursor = m.end()
    if best > end and text[best - 1 : best].isalpha():
        after = _RIGHT_WORD.match(text, best)
        if after and after.group().strip()[:1].isupper() and _last_word(text, best)[:1].isupper():
            # A name cut short ("from the European"): end before the name, not inside it.
            return _extend_right(text, end, length, _words_before_name(text, end, best))
    return best


def _last_word(text: str, end: int) -> str:
    return text[:end].rsplit(None, 1)[-1]


def _words_before_name(text: str, end: int, best: int) -> int:
    """How many words after ``end`` come before the run of capitalized words ending at
    ``best``."""
    taken = text[end:best].split()
    count = len(taken)
    while count and taken[count - 1][:1].isupper():
        count -= 1
    return count


def _rank(found: list[_Found], length: int, limit: int, headline_end: int = 0) -> list[Figure]:
    def score(item: _Found) -> float:
        position = 1.0 - 0.5 * item.start / max(length, 1)
        size = min(len(str(int(abs(item.figure.value)))), 8) / 8
        return _KIND_WEIGHT[item.kind] * position + size

    # One figure per value and kind: "2,850 staff" and "2,850 jobs" are the same figure.
    best: dict[tuple[object, ...], _Found] = {}
    for item in found:
        key = (item.figure.value, item.kind, item.figure.currency)
        if key not in best or score(item) > score(best[key]):
            best[key] = item
    # A figure inside a better one's phrase is shown there already: "rose 2% to $11.1bn".
    shown: list[_Found] = []
    for item in sorted(best.values(), key=score, reverse=True):
        if not any(o.left <= item.start < o.end for o in shown):
            shown.append(item)
            if len(shown) == limit:  # the rest would not be shown: a long text's thousands
                break                # of figures cost no more than a short one's
    in_text = {
        (item.figure.value, item.kind, item.figure.currency): item.figure
        for item in reversed(found)
        if item.start >= headline_end
    }
    return [
        in_text.get((item.figure.value, item.kind, item.figure.currency), item.figure)
        if item.start < headline_end
        else item.figure
        for item in shown[:limit]
    ]
