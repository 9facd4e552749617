"""Where a figure's clause starts, so that its words say whose the figure is: past the words
that open a clause without being its subject, and past a long source of what is said. Pure: text
and offsets in, an offset out."""

from __future__ import annotations

import re

from bot.extract.lexicon import ADVERBS, AUXILIARIES, DATE_WORDS
from bot.extract.vocab import is_inflected_verb, is_noun, words

__all__ = ["LEADING", "NOW_WORDS", "SAYING", "SUBJECTS", "subject_start"]

# Words that lead up to a figure's phrase rather than belong to it: its words start after them.
LEADING = words("""
of for in on to from with into that it is are was were be been being has have had will would
could should can may might must
""")
# Verbs after which a clause of what someone says or thinks starts: "Analysts said 30 firms".
SAYING = words("""
said says say told tells claimed claims stated suggested suggests reported reports estimated
estimates believe believes believed think thinks thought
""")
NOW_WORDS = words("today yesterday tonight")
SUBJECTS = words("i he she it we they")
_OBJECTS = words("me him her us them you")

# Where a clause starts: a sentence's end, a line, a semicolon, a colon or a dash between spaces.
_CLAUSE_BREAK = re.compile(r"[.!?][\"”’']?\s+|\n|;\s|:\s|\s[-–—]\s")
# A sentence that opens with one of these has an introduction before its first comma.
_INTRODUCING = words("""
in on at during after before since for by over with despite under from until between within
throughout last this next earlier later meanwhile however when if once as although while
because though unless according unlike like compared
""")
# A clause joined to the one before it, with a subject of its own after these words ("and",
# "as" and "with" only after a comma: "Securities and Exchange", "as well as").
_JOINERS = words("but while whereas although though because which who when where that")
_COMMA_JOINERS = words("and as with")
_RELATIVE = words("who which where when that")
_LIST_MARKS = frozenset({"-", "–", "—", "•", "*", "·"})
# the adverbs a speaker's verb may take, and those that open a sentence
_OPENING_ADVERBS = ADVERBS | words("nonetheless nevertheless overall elsewhere today now first")
_PREPOSITIONS = words("of out in on at to by for with from into over under about up down between "
                      "than after before during per")
# Verbs after which what a study or a forecast found starts: "A study revealed that 86%".
_FINDING = words("found finds revealed reveals showed shows warned warns predicted predicts")
_TOKEN = re.compile(r"(?:[^\s,]|,(?=\d{3}\b))+,?")  # a word with its comma; "2,000" is one
_SOURCE_WORDS = 4  # words at most of a source kept before its verb of saying
_SUBJECT_WORDS = 12  # words at most from the clause's start to the figure's phrase
_JOINED_WORDS = 15  # the same, where the figure's verb shares the clause's subject after "and"
_PARTICIPLE_WORDS = 10  # words at most of a clause kept before a participle's figure
# participles that open a list or a source, not a clause of the figure ("citing three people")
_LISTING = frozenset({"including", "excluding", "citing", "quoting"})
# The unions the reading below asks of every word, made once.
_SOURCE_VERBS = SAYING | _FINDING
_NO_SUBJECT = LEADING | _PREPOSITIONS
_PRONOUNS = SUBJECTS | _OBJECTS
_OPENERS = _INTRODUCING | _OPENING_ADVERBS
_CLAUSE_OPENERS = _JOINERS | _COMMA_JOINERS | words("or so also yet then however meanwhile")
_DAYS = DATE_WORDS | NOW_WORDS


def subject_start(text: str, left: int, person: bool = False) -> int:
    """Where a figure's phrase starts with the subject of its clause, so that it says whose the
    figure is ("rise by about £10bn" is "Analysts said taxes need to rise by about £10bn"): from
    the start of the clause, past a sentence's introduction ("In December, ...") and a word
    joining it to another clause, and past a verb of saying when its source is more than
    ``_SOURCE_WORDS`` words or a pronoun; the phrase as it was when that is more than
    ``_SUBJECT_WORDS`` words away (``_JOINED_WORDS`` when the figure's verb follows "and" and
    shares the subject: "Arjen Robben has broken two bones ... and will be out for at least six
    weeks"), inside a quotation, or when the clause has no subject of its
    own (it opens with a participle or a preposition: ", providing jobs for ...", ", down
    from ...", where the words before the comma say what the figure is about). With
    ``person``, a clause whose subject is "he" or "she" starts there too ("he sought £5,000"),
    for a caller that can say whom it stands for."""
    floor = max(0, left - 300)
    # not a break inside brackets: "$200m (£104m; 151m euros) from $500m"
    breaks = [b for b in _CLAUSE_BREAK.finditer(text, floor, left)
              if text.count(")", b.end(), left) <= text.count("(", b.end(), left)]
    if not breaks and floor > 0:
        return left
    clause = breaks[-1].end() if breaks else floor
    before = text[clause:left]
    if _unclosed(before):
        return left  # inside a quotation or brackets
    tokens = list(_TOKEN.finditer(before))
    if not tokens:
        return left
    first = tokens[0].group().rstrip(",").lower()
    start_at = 0
    if first in _INTRODUCING or first.endswith("ing"):  # "Using the ILO's method, Germany had"
        comma = next((i for i, t in enumerate(tokens) if t.group().endswith(",")), None)
        if comma is not None:
            start_at = comma + 1
    said: int | None = None  # where what a kept source said starts
    for i in range(start_at, len(tokens)):
        word = tokens[i].group().rstrip(",").lower()
        if word in _SOURCE_VERBS:
            source = [t.group() for t in tokens[start_at:i]]
            after = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].group().lower() == "that")
            if (
                0 < len(source) <= _SOURCE_WORDS
                and source[0].lower() not in SUBJECTS
                and not any(w.endswith(",") for w in source)
            ):
                said = after  # "Analysts said taxes need to rise by about £10bn": whose claim
            else:
                # a long or unnamed source is left out: "The Hamas government's health
                # ministry in the Gaza Strip said Thursday at least 44,056 people"
                start_at, said = after, None
        elif i > start_at and _opens_a_clause(tokens, i):
            start_at = i + 1
    start_at = _past_openers(tokens, start_at)
    if said is not None and len(tokens) - start_at > _SUBJECT_WORDS:
        start_at = _past_openers(tokens, said)  # the source too would make it too long
    rest = tokens[start_at:]
    if not rest or len(rest) > (_JOINED_WORDS if _shares_subject(rest) else _SUBJECT_WORDS):
        return left
    participles = [n.group() for t, n in zip(rest, rest[1:], strict=False)
                   if t.group().endswith(",") and n.group()[:1].islower()
                   and n.group().endswith("ing")]
    if participles and (len(rest) > _PARTICIPLE_WORDS or participles[-1] in _LISTING):
        # "confirmed the news, citing three people close to the $84.5 billion deal",
        # "challenges, including the 10 years": a participle's phrase; a short clause before
        # another participle says whose the figure is
        # ("Mr Murray is Sunderland's leading shareholder, holding a 37.6% stake")
        return left
    opening = rest[0].group().rstrip(",")
    if (
        opening.lower() in _NO_SUBJECT
        or opening.lower().endswith("ing") and opening.islower()
    ):
        return left  # ", providing jobs for", "out of a total of £21m": no subject in the clause
    if person and opening in ("he", "she", "He", "She"):
        return clause + rest[0].start()
    if opening.lower() in _PRONOUNS:  # ", with them spending four days"
        return left  # "he would put a new 50% tax": a subject the bullet cannot say
    return clause + rest[0].start()


def _shares_subject(tokens: list[re.Match[str]]) -> bool:
    """Whether the words go on, after "and", with a second verb of the same subject and no
    comma: "Arjen Robben has broken two bones in his foot and will be out for": the figure of
    the second verb is the subject's too."""
    words = [t.group() for t in tokens]
    return not any(w.endswith(",") for w in words) and any(
        w == "and" and (nxt in AUXILIARIES or _only_a_verb(nxt))
        for w, nxt in zip(words, words[1:], strict=False)
    )


def _opens_a_clause(tokens: list[re.Match[str]], i: int) -> bool:
    """Whether the word at ``i`` joins a clause with a subject of its own after it."""
    word = tokens[i].group().rstrip(",").lower()
    if not tokens[i].group()[:1].islower() or not (
        word in _JOINERS or (word in _COMMA_JOINERS and tokens[i - 1].group().endswith(","))
    ):
        return False
    if word != "that" and i + 1 < len(tokens) and _only_a_verb(tokens[i + 1].group()):
        # "..., and preferred GM's offer": the verb goes on from the subject before;
        # "Arsene Wenger, who was fined £15,000": the one the relative clause is about
        return False
    if word == "that" and tokens[i - 1].group().lower() in _SOURCE_VERBS:
        return False  # "The report found that one in four homes": what a source says
    # "Lord Scarman, who led the inquiry, has died aged 93": a relative clause closed before
    # the figure describes the subject, whose clause goes on
    return not (word in _RELATIVE and any(t.group().endswith(",") for t in tokens[i + 1 :]))


def _unclosed(words: str) -> bool:
    """Whether words leave a quotation or a bracket open: the figure after them is inside it."""
    return (
        words.count('"') % 2 == 1
        or words.count("“") > words.count("”")
        or words.count("(") > words.count(")")
        or words.count("[") > words.count("]")
    )


def _opening_word(word: str) -> bool:
    """Whether a word before a comma opens a sentence rather than names its subject: "So far,",
    "Nonetheless,", "Separately,"; not "HSBC," before its apposition."""
    return word.islower() or word.lower() in _OPENERS or \
        word.lower().endswith("ly")


def _only_a_verb(word: str) -> bool:
    """Whether a lowercase word is a verb's form and no noun: "preferred", not "shares"."""
    return word.islower() and is_inflected_verb(word) and not is_noun(word)


def _past_openers(tokens: list[re.Match[str]], at: int) -> int:
    """The first of ``tokens`` from ``at`` past the words that open a clause without being its
    subject: a joining word, an opening phrase up to its comma ("So far,"), a list's mark, the
    day of a verb of saying ("said Thursday at least 44,056 people")."""
    while at < len(tokens) and (
        tokens[at].group().rstrip(",").lower()
        in _CLAUSE_OPENERS
        or (tokens[at].group().endswith(",") and _opening_word(tokens[at].group()[:-1]))
        or tokens[at].group() in _LIST_MARKS
        or tokens[at].group().rstrip(",").lower() in _DAYS
    ):
        at += 1
    return at
