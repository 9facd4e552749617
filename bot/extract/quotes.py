"""Direct quotations and who said them.

A quotation is the text between a pair of quotation marks (see ``marks``), joined with its other
half when an attribution breaks it ("...," he said, "...") and with its next paragraph when it
runs on. One- or two-word quotes are scare quotes: they help find speakers but are not returned.
Each quotation's speaker is looked for, in this order, in the attribution inside a broken quote,
the attribution after it, the clause before it and the subject of its clause (see ``speakers``);
then a lead-in paragraph ending with a colon ("Cruz continued:") or the sentence just before
names it; a standfirst line that is only a quote is the headline person's; then a quote right
after another one, with no other sentence between them, goes on with that one's speaker. When
none of this names someone, the speaker is unknown: a wrong speaker is worse than none.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from bot.extract.lexicon import (
    FUNCTION_WORDS,
    HONORIFICS,
    OTHER_PRONOUNS,
    PLACEHOLDER,
    PRONOUNS,
    TIME_WORDS,
    is_verb,
    tokenize,
)
from bot.extract.marks import Paragraph, QuotedSpan, paragraphs, quoted_spans
from bot.extract.names import Names, initials
from bot.extract.sentences import Sentence, split_sentences
from bot.extract.speakers import Attributor, spoken_to
from bot.matching.namewords import name_forms
from bot.models import Quote, TextForm
from bot.textnorm import fold

__all__ = ["FoundQuote", "find_quotes"]

_ENDS_IN_GAP = re.compile(r"[.!?]\s")
_GAP_OPENS = re.compile(r"\s*,")
_GAP_CLOSES = re.compile(r"[,:]\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?]\s*(?:[\"”»]|''|``)$")
_SPACES = re.compile(r"\s+")
_TRAILING_COMMA = re.compile(r"\s*,$")
# An attribution inside a quote's text ("said Mr Joseph. He said", ". Mr Gerolami added in")
# means the pairing of its marks went wrong and the text is the article's own words.
_ATTRIBUTION_INSIDE = re.compile(
    r"(?:^|[,.!?]\s)\s*(?:"
    r"(?:said|added|says)\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’-]+[.,]"
    r"|(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\w'’-]+\s+(?:said|added|says)\b)"
)
# A signature after a quote: "“...” ― Pamela Padilla".
_SIGNATURE = re.compile(r"[ \t\xa0]*[―—–-][ \t\xa0]*[A-Z@]")  # a name or a handle
_SIGNED_BELOW = re.compile(r"\s*[―—–-]")  # "“...”¶¶- Hillary Clinton."
# "“...missing.” Trump said.": an attribution after a quote that ended its sentence.
_SHORT_ATTRIBUTION = re.compile(
    r"\s*(?:[A-Z][\w'’.-]*\s){1,3}(?:said|says|added|wrote|asked|told)\b[^.!?\"“”]{0,30}\.(?:\s|$)"
)
# "“...missing.” said Janco Partners analyst Martin Pyykkonen": no sentence opens with "said".
_INVERTED_AFTER = re.compile(r"[ \t]*(?:said|says|added|adds|wrote|writes|explained)[ \t]+[A-Z]")
# "“... sector,” “Overall I'd say ...,” Steven Wieting added.": the next quote opens at once,
# so the words after it attribute that one.
_QUOTE_NEXT = re.compile(r"\s*[\"“]")
_SCARE_WORDS = 2
_SENTENCE_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I"})
_LONGEST_TITLE = 10
_NAMING_BEFORE = re.compile(
    r"\b(?:titled|entitled|headlined|headline|slogan|hashtag|reads?|"
    r"reading|message|error|warning|label(?:led|ed)?|marked|button|menu|tab)\s*:?\s*$",
    re.IGNORECASE,
)
# Words that say the quotation is a coinage or a text on a thing, whoever the sentence names:
# "coined the term “...”", "flyers that read, “...”".
_THING_BEFORE = re.compile(
    r"\b(?:(?:the|a|new)\s+(?:term|phrase|expression|catchphrase|motto|slogan|hashtag)"
    r"|(?:signs?|flyers?|fliers?|banners?|posters?|placards?|leaflets?|shirts?|t-shirts?|bottles?)"
    r"\b[^.!?“”\"]{0,60}\b(?:that|which)\s+(?:read|reads|said)\s*[,:])\s*$",
    re.IGNORECASE,
)
# The writer's rewording of what someone asked or meant: "what they were asking is “...”".
_PARAPHRASE_BEFORE = re.compile(
    r"\bwhat\s+(?:[\w'’]+\s+){1,3}(?:asking|meant|means|mean)\s+(?:is|was)\s*:?\s*[\"“]?$",
    re.IGNORECASE,
)
_WORK_BEFORE = re.compile(
    r"\b(?:sing|sings|sang|singing|perform|performs|performed|performing|song|single|track|"
    r"album|film|movie|book|novel|series|episode|story|article|essay|column|poem|"
    r"renditions?\s+of|covers?\s+of)\s*,?\s*[\"“]?$",
    re.IGNORECASE,
)
# A title after another one in a list: "“Californication,” “Easily,” and “Under the Bridge,”".
_TITLE_LIST = re.compile(r",[\"”][ \t]*(?:and\s+|or\s+)?[\"“]?$|[\"”][ \t]+(?:and|or)\s+[\"“]?$")
# The year of a work after its title: "“Jazzed Up: A Global Strategy Manga Novel” (2013)".
_YEAR_AFTER = re.compile(r"[ \t]*\((?:1[89]|20)\d\d\)")
# A word written in capitals inside ("iPremier", "eBay") is capitalized.
_INNER_CAPITAL = re.compile(r"[a-z]+[A-Z]")
_TITLE_LIST_AFTER = re.compile(r"[ \t]*(?:and[ \t]+|or[ \t]+)?[\"“]")
_CALLED = re.compile(r"\b(?:called|named|dubbed|nicknamed)\s*(?:the\s*)?$", re.IGNORECASE)
_NAMING_AFTER = re.compile(
    r"\s*(?:window|button|menu|tab|option|link|box|screen|page|error|message|campaign|slogan|"
    r"hashtag|label|sign|banner|logo)s?\b",
    re.IGNORECASE,
)
# The lowercase word right after a closing quote mark: "a “Take Back Virginia” rally".
_WORD_AFTER = re.compile(r"[\"”’']?[ \t]+([a-z]+)\b")
_WHEN = frozenset(["moment", "minute", "hour", "second", "day", "ago", "earlier", "later"])
_GAP_LIMIT = 90
_PHRASE_WORDS = 5
# Whose words a quote opening its sentence is: "“...,” is the dry assessment of Graham Lane".
# "... a call for him to “pause for thought” from Charles Kennedy.": a call, plea or warning
# whose words are quoted, and then who made it.
_CALL_BEFORE = re.compile(
    r"\b(?:call|calls|plea|pleas|appeal|warning|demand|request|message)\b[^.!?“”\"]{0,60}$"
)
_FROM_AFTER = re.compile(r"[ \t]+from[ \t]+((?:[A-Z][\w'’.-]*[ \t]?){2,4})(?=[.,;]|$)")
_VERDICT_AFTER = re.compile(
    r"[ \t]+(?:is|was)[ \t]+the[ \t]+(?:[a-z-]+[ \t]+){0,2}"
    r"(?:assessment|verdict|view|opinion|reaction|response|conclusion)[ \t]+of[ \t]+"
    r"([A-Z][^,.;:!?\"“”]{0,60})"
)
# A quote that opens its sentence as the subject of "is" is talked about, not said: "“Tell,
# don’t ask” is a way to ...", "“I prefer a laptop” is very different from ...".
_COPULA_AFTER = re.compile(r"[ \t]+(?:is|was|are|were)[ \t]+(?!(?:what|how|all)\b)")
_INNER_MARKS = "“‘\"'"
# Last words of the name of a text, which no one speaks: "the GNU General Public License".
_TEXT_NAMES = frozenset({"License", "Licence", "Act", "Agreement", "Treaty", "Charter",
                         "Constitution", "Amendment"})
# A quote in a chain of labels: "from “A,” to “B,” to “C”".
_CHAIN_BEFORE = re.compile(r"[\"”][ \t]+to[ \t]+[\"“]?$")
_FROM_BEFORE = re.compile(r"\bfrom[ \t]+[\"“]?$")
_CHAIN_AFTER = re.compile(r"[,]?[\"”]?[ \t]+to[ \t]+[\"“]")
# The paragraphs a standfirst's lines may take before the story starts, and their bullets.
_STANDFIRST = 3
_BULLET = re.compile(r"[•·▪\-*]")


@dataclass(frozen=True)
class FoundQuote:
    """A quotation with the offsets of each of its parts (without the marks)."""

    text: str
    speaker: str | None
    spans: tuple[tuple[int, int], ...]

    def as_quote(self) -> Quote:
        return Quote(self.text, self.speaker)


def one_name_per_person(quotes: list[FoundQuote]) -> list[FoundQuote]:
    """Each speaker under the fullest name the quotes give them: "Pollard" and "Margaret
    Knudson" become "Geoff Pollard" and "M. Margaret Knudson" when those are the only longer
    names ending in the same words, so one person is never shown as two; and the same words
    quoted twice have the speaker one of them is given."""
    names = {q.speaker for q in quotes if q.speaker}
    fuller: dict[str, str] = {}
    for name in names:
        words = name.split()
        longer = {
            other for other in names
            if len(other.split()) > len(words) and other.split()[-len(words):] == words
        }
        if len(longer) == 1:
            fuller[name] = longer.pop()
    quotes = [
        replace(q, speaker=fuller[q.speaker]) if q.speaker in fuller else q for q in quotes
    ]
    # A deck's pull quote is the one the story attributes later ("as he put it, “...”").
    said = {_plain(q.text): q.speaker for q in quotes if q.speaker}
    return [
        replace(q, speaker=said[_plain(q.text)]) if not q.speaker and _plain(q.text) in said
        else q
        for q in quotes
    ]


def _plain(quote: str) -> str:
    return " ".join(re.findall(r"\w+", quote.lower()))


@dataclass
class _Group:
    parts: list[QuotedSpan]
    middle: str = ""


def _groups(
    text: str, form: TextForm, spans: list[QuotedSpan], blocks: list[Paragraph]
) -> list[_Group]:
    groups: list[_Group] = []
    for span in spans:
        if groups:
            prev = groups[-1].parts[-1]
            if prev.continued and span.paragraph - prev.paragraph in (0, 1):
                groups[-1].parts.append(span)
                continue
            gap = text[prev.close : span.open]
            if (
                prev.paragraph == span.paragraph
                and len(gap) <= _GAP_LIMIT
                and (_GAP_OPENS.match(gap) or text[prev.start : prev.end].rstrip().endswith(","))
                and not _ENDS_IN_GAP.search(gap)
                and _GAP_CLOSES.search(gap)
                and any(is_verb(t, form) for t in tokenize(gap))
            ):
                groups[-1].parts.append(span)
                groups[-1].middle = gap
                continue
        groups.append(_Group([span]))
    return groups


def _quote_text(text: str, group: _Group) -> str:
    """The quote's words, its pieces joined; a piece that ends with no stop before one that
    starts a sentence is a fragment of its own ("“warmest congratulations”, saying: “We look
    ...”"), so an ellipsis stands between them."""
    pieces = [p for p in (_SPACES.sub(" ", text[s.start : s.end]).strip() for s in group.parts)
              if p]
    joined = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        fragment = joined[-1:].isalnum() and piece[:1].isupper()
        joined += (" … " if fragment else " ") + piece
    return _TRAILING_COMMA.sub("", joined)


def _sentence_index(sentences: list[Sentence], starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def find_quotes(
    text: str,
    form: TextForm = "raw",
    blocks: list[Paragraph] | None = None,
    spans: list[QuotedSpan] | None = None,
    sentences: list[Sentence] | None = None,
    headline: str = "",
) -> list[FoundQuote]:
    """Every direct quotation in ``text`` with its speaker, in order. The paragraphs, quoted
    spans and sentences are computed when not given; the ``headline`` names the person a
    description or a pronoun stands for before the text names anyone."""
    blocks = paragraphs(text) if blocks is None else blocks
    spans = quoted_spans(text, form, blocks) if spans is None else spans
    if not spans:
        return []
    if sentences is None:
        sentences = split_sentences(text, form, blocks, spans)
    starts = [s.start for s in sentences]
    attributor = Attributor(text, form, headline)
    out: list[FoundQuote] = []
    # (offset where the last quote closed, its speaker, whether its attribution followed it)
    previous: tuple[int, str | None, bool] | None = None
    scare_before = False  # whether the last quote was a scare quote
    for group in _groups(text, form, spans, blocks):
        first, last = group.parts[0], group.parts[-1]
        if previous is None:
            # The text before the first quote names the people a pronoun may stand for.
            attributor.between_quotes(
                lambda end=first.open: tokenize(
                    ". " + _blank_quotes(text, max(0, end - 2000), end, spans, limit=2000)
                )
            )
        else:
            # A stop opens the words after a quote that ended its sentence.
            stop = "." if _ENDS_SENTENCE.search(text, max(0, previous[0] - 3), previous[0]) else ""
            attributor.between_quotes(
                lambda start=previous[0], end=first.open, stop=stop: tokenize(
                    stop + " " + _blank_quotes(text, start, end, spans, limit=2000)
                )
            )
        sentence_start = sentences[_sentence_index(sentences, starts, first.open)].start
        attributor.paragraph_before = text[blocks[first.paragraph].start : first.open]
        attributor.quote_at = first.open
        begin = max(sentence_start, previous[0] if previous else 0)
        # the words of the quote's sentence before it, read by most of the steps below
        lead_tokens = attributor.lead_in = tokenize(text[begin : first.open])
        found, speaker, followed = False, None, False
        if group.middle:
            found, speaker = attributor.after(tokenize(group.middle))
            followed = found
        lead_in = text[begin : first.open].rstrip()
        verdict = _VERDICT_AFTER.match(text, last.close)
        if not found and not lead_in and verdict:
            # "“...,” is the dry assessment of Graham Lane, leader of ...": his words
            found, speaker = True, attributor.names.name_in(tokenize(verdict.group(1)))
        sender = _FROM_AFTER.match(text, last.close)
        if not found and sender and _CALL_BEFORE.search(lead_in):
            # "a call for him to “pause for thought” from Charles Kennedy.": the caller's words
            named = attributor.names.name_in(tokenize(sender.group(1).rstrip(". \t")))
            if named and " " in named:
                found, speaker, followed = True, named, True
        closing = text[last.start : last.end].rstrip()[-1:]
        if not found and lead_in.endswith(":") and closing in "!?":
            # "Lebedev said he saw nothing wrong: “Keep it up!” The official Markin said ...":
            # the colon gives the speaker; after "!" a new sentence starts.
            found, speaker = attributor.before(lead_tokens)
        # A quote ending in a nested one ends where that does: "... ‘Take this fellow.’”"
        inner_end = text[last.start : last.end].rstrip().rstrip("’'")[-1:]
        if not found and not _QUOTE_NEXT.match(text, last.close) and (
            inner_end != "."
            or _SIGNATURE.match(text, last.close)
            or _SHORT_ATTRIBUTION.match(text, last.close)
            or _INVERTED_AFTER.match(text, last.close)
        ):
            after = _blank_quotes(text, last.close, blocks[last.paragraph].end, spans)
            words = tokenize(after)
            if inner_end in ("?", "!") and words and words[0] in _SENTENCE_PRONOUNS:
                found, speaker = False, None  # "...!” She replied to him ...": a new sentence
            else:
                found, speaker = attributor.after(words)
            if (
                not found and lead_in and words and is_verb(words[0], form)
                and not text[last.start : last.end].rstrip().endswith(",")
            ):
                # "Earlier Mr Kennedy, whose party opposes the plan as “deeply flawed” said
                # ...": the verb after the quote goes with the subject before it
                found, speaker = attributor.before([*lead_tokens, words[0]])
            if (
                found
                and _relayed(words)
                and _has_verb(text[begin : first.open], form)
                and attributor.before(lead_tokens) == (True, None)
            ):
                # "Prosecutors said Jaynes was “...”, ..., news agency Associated Press
                # reported": the agency relays what someone the clause before the quote
                # describes says, so no one named.
                speaker = None
            elif (
                found
                and speaker is None
                and _relayed(words, according=True)
                and _has_verb(text[begin : first.open], form)
            ):
                # "Randall Stephenson refuted the claim and said “...,” according to CNN's
                # Brian Stelter": the ones credited relay the words of the speaker before them
                found, speaker = attributor.before(lead_tokens)
            if inner_end in ("?", "!") and speaker is None:
                found = False  # after "...?" a new sentence may start: "Her critics cited it."
            followed = found
        if not found:
            found, speaker = attributor.before(lead_tokens)
        if (
            speaker is None
            and begin > sentence_start
            and (
                (scare_before and re.match(r"[\s,]*[a-z]", text[begin : first.open]))
                # "Bill O'Reilly said he would be “...” and warned ... “...”": a verb joined by
                # "and" goes on from the subject before the quote
                or _AND_VERB.match(text, begin, first.open)
            )
        ):
            # "Barbara Follet, one of the so-called “Blair Babes” elected in 1997, told
            # researchers: “...”": the sentence's subject comes before the scare quote (not
            # so in "... called “distasteful,” Santilli expressed a desire to “...”")
            lead = _blank_quotes(text, sentence_start, first.open, spans)
            named = attributor.before(tokenize(lead))
            if named[1]:
                found, speaker = named
        opens_sentence = not text[begin : first.open].strip()
        if not found and not opens_sentence and spoken_to(
            tokenize(text[sentence_start : first.open]), tokenize(text[first.start : first.end])
        ):
            # "Mourinho ... has been “reminded of his responsibilities”": he was spoken to
            found = True
        if not found and not opens_sentence:
            found, speaker = attributor.subject(tokenize(text[sentence_start : first.open]))
        if (
            not found
            and opens_sentence
            and first.paragraph > 0
            and not text[blocks[first.paragraph].start : first.open].strip()
        ):
            # "Cruz continued:" closing the paragraph before the one the quote opens.
            block = blocks[first.paragraph - 1]
            lead_in = text[block.start : block.end].rstrip()
            if lead_in.endswith(":") and _has_verb(lead_in[-300:], form):
                # not a line that only introduces the words ("... is a command like:")
                tail = lead_in[-300:]
                found, speaker = attributor.before(tokenize(tail[:-1]))
                if not found:
                    found, speaker = attributor.subject(tokenize(tail))
        if not found and opens_sentence and not _attributed_after(text, form, last.close):
            # "Schiff said the administration may be reluctant to act. “The other factor...”":
            # a quote opening a sentence goes on from the reported speech just before it.
            before_start = sentences[max(0, _sentence_index(sentences, starts, first.open) - 1)]
            if before_start.end <= first.open and first.open - before_start.end < 3:
                before_tokens = tokenize(
                    _blank_quotes(text, before_start.start, before_start.end, spans)
                )
                # "So is UKIP's job to destroy the Tories, as Robert Kilroy-Silk once declared?
                # “No. ...”": the writer's question; the answer is someone else's
                named = None if before_tokens[-1:] == ["?"] else \
                    attributor.reported_speaker(before_tokens)
                if named is None:
                    # "Collins was sixth ... but is hoping for more. “This will be ...”": the
                    # sentence before is about someone already quoted.
                    introduces = (
                        first.open == blocks[first.paragraph].start
                        and first.paragraph > 0
                        and before_start.end <= blocks[first.paragraph - 1].end
                        # "“...”¶¶- Hillary Clinton.": a signature names the speaker
                        and not _SIGNED_BELOW.match(text, last.close)
                    )
                    named = attributor.subject_speaker(before_tokens, introduces)
                found, speaker = named is not None, named
                if named is None and attributor.someone_unnamed(before_tokens):
                    found = True  # the quote is theirs, not the last named speaker's
        if (
            not found
            and first.paragraph < _STANDFIRST
            and _whole_line(text, blocks[first.paragraph], first.open, last.close)
        ):
            # "• ‘I didn’t say they didn’t have pride’" under "Gareth Bale says no England
            # players would get into Wales team": a standfirst's quote is the story's person's.
            speaker = attributor.story_person()
            found = speaker is not None
        block_start = blocks[first.paragraph].start
        if (
            not found
            and previous is not None
            and (previous[0] >= block_start or not text[block_start : first.open].strip())
            and _continues(text, starts, previous, first.open)
            and not _another_reports(attributor, text, starts, previous, first.open)
            # "The Labour party has committed itself to “...” childcare": a clause with a
            # subject of its own
            and not _NAMED_SUBJECT.match(text, sentence_start, first.open)
        ):
            # The next quote after an attributed one, with no other sentence between them,
            # goes on with its speaker.
            found, speaker = True, previous[1]
        quote = _quote_text(text, group)
        if speaker and speaker.split()[-1] in _TEXT_NAMES:
            # "As the original GNU General Public License warned, “...”": a text's words
            speaker = None
        if speaker and attributor.names.likely_gender(speaker) and _spoken_of(
            quote, speaker, text
        ):
            speaker = None  # "I said to Harry ‘...’": Harry Redknapp is the one spoken to
        if speaker:
            attributor.named(speaker)
        elif found:
            attributor.unnamed(scare=len(quote.split()) <= _SCARE_WORDS)
            # "“...,” a Jive spokeswoman said": the words the organization gave out, shown
            # as its (the attributor still reads the one who spoke as unnamed)
            speaker = _organization_speaking(text, begin, first.open, last.close, attributor.names)
        previous = (last.close, speaker, followed)
        scare_before = len(quote.split()) <= _SCARE_WORDS
        if not opens_sentence and not followed:
            # "he brushed off Labour suggestions ... “by the back door”": the words are
            # Labour's, while the sentence and the quotes after it stay his
            speaker = attributor.words_owner(lead_tokens) or speaker
        if (
            len(quote.split()) > _SCARE_WORDS
            and not _ATTRIBUTION_INSIDE.search(quote)
            and (speaker or not _names_a_thing(text, quote, first.open, last.close))
            and not _THING_BEFORE.search(text, max(0, first.open - 100), first.open)
            and not _PARAPHRASE_BEFORE.search(text, max(0, first.open - 100), first.open)
            and not _is_work_title(text, quote, first.open, last.close)
            and not _set_phrase(quote)
            and not (
                _title_cased(quote)
                and not _SAID_RIGHT_BEFORE.search(text, max(0, first.open - 30), first.open)
            )
            and not _CODE.search(quote)
            and (speaker or not _in_chain(text, first.open, last.close))
            and (speaker or not _talked_about(text, group, opens_sentence))
        ):
            out.append(FoundQuote(
                quote, _spelled_out(text, speaker), tuple((p.start, p.end) for p in group.parts)
            ))
    return out


def _organization_speaking(
    text: str, begin: int, opened: int, closed: int, names: Names
) -> str | None:
    """The organization whose spokesperson or official the quote's attribution names, right
    after it ("“...,” a Jive spokeswoman said") or in its sentence before it ("A BBC
    spokeswoman said: “...”"); not a person's ("Mr Blair's spokesman"), nor someone's the text
    leaves unnamed ("a club spokesman"). The attributor's ``_spoken_for`` reads the same "a
    spokesman for ..." in a clause between quotes, for what "it" stands for next; this only
    names the quote's speaker."""
    # after the quote only when it ends on a comma, a question or an exclamation: "...," said
    # X, not "... bigger issue." A spokeswoman for the Electoral Commission told
    ends_clause = text[closed - 2 : closed - 1] in (",", "?", "!")
    after = _SPEAKS_FOR_AFTER.match(text, closed) if ends_clause else None
    before = None if after else _SPEAKS_FOR_BEFORE.search(text, begin, opened)
    m = after or before
    if not m:
        return None
    organization = next(g for g in m.groups() if g).rstrip(".")  # "a spokesman for Ofcom."
    words = organization.split()
    while words and words[-1] in ("of", "for", "and", "the"):
        words.pop()
    organization = " ".join(words)
    if (
        not organization
        or organization.endswith(("'s", "’s"))
        or fold(words[0]) in HONORIFICS
        or names.gender(organization)
        or names.likely_gender(names.full_name(organization))
    ):
        return None
    return organization


_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _spelled_out(text: str, speaker: str | None) -> str | None:
    """An acronym speaker under the name the text spells it out as: "The QCA said" after "The
    Qualifications and Curriculum Authority (QCA)" is the Authority, whose initials it is."""
    if not speaker or not _ACRONYM.fullmatch(speaker):
        return speaker
    pattern = rf"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|on|the|&)\s+)*){{2,8}})\(\s*{speaker}\s*\)"
    for m in re.finditer(pattern, text):
        words = m.group(1).split()
        for start in range(len(words)):
            part = words[start:]
            if part[0][:1].isupper() and initials(" ".join(part)) == speaker:
                return " ".join(part)
    return speaker


def _spoken_of(quote: str, speaker: str, text: str) -> bool:
    """Whether a quote speaks of its speaker as someone else: by the surname after a title
    ("When Mr Smith came to give evidence"), or by the first name alone inside a sentence
    ("I said to Harry ‘...’"; not "the same Juan Carlos as I was", nor "Michael Howard" for
    Michael Ancram, nor "David" for David Moorcroft where the text names a Dave Collins)."""
    first, surname = speaker.split()[0], speaker.split()[-1]
    if first == surname or not first[:1].isupper():
        return False  # not "the suit"
    if any(m.group(1) == surname for m in _TITLED.finditer(quote)):
        return True
    if first not in quote:
        return False
    forms = name_forms(fold(first))
    if any(fold(m.group(1)) in forms and m.group(2) != surname for m in _PAIR.finditer(text)):
        return False  # another person of the first name
    for m in _ALONE.finditer(quote):
        before = quote[: m.start()].rstrip()
        name = re.sub(r"['’]s$", "", m.group(1))  # "Sean's situation"
        if name == first and before and before[-1] not in ".!?\"“‘'" and not (
            _AS_ONCE.search(before)
        ):
            return True
    return False


_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? ([A-Z][\w'’-]+)")
_PAIR = re.compile(r"\b([A-Z][a-z]+) ([A-Z][\w'’-]+)")
# A capitalized word no other follows: a first name used alone ("a quiet word with Olof").
_ALONE = re.compile(r"\b([A-Z][\w'’-]*)\b(?!['’]?\s*[A-Z])")
# The speaker as once they were: "the same Juan Carlos", "the teenage Michael Howard".
_AS_ONCE = re.compile(r"\b(?:same|the|old|young|teenage)$", re.IGNORECASE)


_AND_VERB = re.compile(r"[\s,]*and (?:also |then )?[a-z]+ed\b")
# Someone speaking for an organization the text names: "a Jive spokeswoman", "an unnamed
# White House official", "A spokesman for the Association of Payment and Clearing Services".
_ORGANIZATION = r"((?:[A-Z][\w'’&.-]*)(?: (?:[A-Z][\w'’&.-]*|of|for|and|the))*)"
_SPOKESPERSON = r"(?:spokes(?:man|woman|person)|official)"
_SPEAKS_FOR = (
    rf"\b(?:[Aa]n?|[Tt]he)\s+(?:(?:unnamed|senior|official)\s+)?{_ORGANIZATION}\s+"
    rf"(?:official\s+)?{_SPOKESPERSON}\b"
    rf"|\b(?:[Aa]n?|[Tt]he)\s+{_SPOKESPERSON}\s+(?:for|at|from)\s+(?:the\s+)?{_ORGANIZATION}"
)
_SPEAKS_FOR_AFTER = re.compile(rf"[ \t]*(?:(?:said|added|told|says|adds)[ \t]+)?(?:{_SPEAKS_FOR})")
_SPEAKS_FOR_BEFORE = re.compile(rf"(?:{_SPEAKS_FOR})[^\"“”]{{0,60}}\b(?:said|told|added|says)\b")
# A sentence opening with an organization as its subject, and a verb: "The Labour party has".
_NAMED_SUBJECT = re.compile(r"The (?:[A-Z][\w'’&-]* )+[a-z]+ (?:has|have|is|are|was|were|will) ")
# Marks of a program's text, which no one says: "wget #{url} || curl -O #{url}", "if (x == 1)",
# "{ name: value }", "$(pwd)", "a => b".
_CODE = re.compile(r"[{}]|\|\||&&|==|=>|\$\(|\w\(\)")


def _set_phrase(quote: str) -> bool:
    """Whether a short quote joined by "&" with no stop is a set phrase or a name ("the birds
    & the bees" talk), not anyone's words."""
    words = quote.split()
    return len(words) <= _PHRASE_WORDS and "&" in words and quote[-1:] not in ".!?"


def _talked_about(text: str, group: _Group, opens_sentence: bool) -> bool:
    """Whether a quote opening its sentence is the subject of "is" ("“Tell, don’t ask” is a
    way to ..."): words talked about, not said. One ending in a comma is set off as speech
    ("“In 2030, we'll all wake up ...,” is one common saying here")."""
    last = group.parts[-1]
    return (
        opens_sentence
        and not text[last.start : last.end].rstrip().endswith(",")
        and bool(_COPULA_AFTER.match(text, last.close))
    )


def _in_chain(text: str, opening: int, closing: int) -> bool:
    """Whether a quote is a step in a chain of labels, "from “...” to “...”" ("our plan
    evolved from “use PCRE directly,” to “use PCRE but sandbox the parser,” to ..."): the
    writer's names for stages, not speech."""
    before = text[max(0, opening - 12) : opening]
    return bool(_CHAIN_BEFORE.search(before) or (
        _FROM_BEFORE.search(before) and _CHAIN_AFTER.match(text, closing)
    ))


def _relayed(words: list[str], according: bool = False) -> bool:
    """Whether the words after a quote credit a publication that reports it ("..., AP
    reported", "reports USA Today", and with ``according``, "according to CNN") rather than
    its speaker."""
    clause = []
    for word in words:
        if word in (".", "!", "?", ";", PLACEHOLDER):
            break
        clause.append(fold(word))
    return "reported" in clause or "reports" in clause or (
        according and clause[:2] in (["according", "to"], [",", "according"])
    )


def _has_verb(lead_in: str, form: TextForm) -> bool:
    """Whether the words leading into a quote in its sentence have a verb of speech."""
    return any(is_verb(t, form) for t in tokenize(lead_in))


def _whole_line(text: str, block: Paragraph, opening: int, closing: int) -> bool:
    """Whether a quote is all of its paragraph but for a bullet: a line of a standfirst."""
    return not _BULLET.sub("", text[block.start : opening]).strip() and not text[
        closing : block.end
    ].strip(" \t\n.")


def _attributed_after(text: str, form: TextForm, close: int) -> bool:
    """Whether a speech verb follows a quote in its clause ("...?" he asked); after a quote
    that ends its sentence, a capital starts the next one ("...forever." He added)."""
    words = tokenize(text[close : close + 60])
    ended = text[max(0, close - 3) : close].rstrip("\"”’' ")[-1:] in (".", "!", "?")
    if ended and words and words[0][:1].isupper():
        return False
    for word in words[:6]:
        if word in (".", "!", "?", "``", "''", "“", "”", '"'):
            return False
        if is_verb(word, form):
            return True
    return False


def _is_work_title(text: str, quote: str, opening: int, closing: int) -> bool:
    """Whether a quote in capitals is the title of a work, whoever the sentence names: after
    a word for a work or its performance ("to sing “The Zephyr Song.”") or in a list of
    titles ("renditions of “Californication,” “Easily,” and “Under the Bridge,”")."""
    words = quote.split()
    long_words = [w for w in words if len(w.strip(".,!?:;")) > 3]
    if len(words) > _LONGEST_TITLE or not long_words or not all(
        w[:1].isupper() or _INNER_CAPITAL.match(w) for w in long_words
    ):
        return False
    before = text[max(0, opening - 40) : opening]
    after = text[closing : closing + 8]
    return bool(_WORK_BEFORE.search(before) or _TITLE_LIST.search(before)
                or _TITLE_LIST_AFTER.match(after) or _YEAR_AFTER.match(after)
                or _names_what_follows(text, quote, closing))


def _names_what_follows(text: str, quote: str, closing: int) -> bool:
    """Whether a quote in capitals is the name of the thing the noun after it stands for: "a
    “Take Back Virginia” rally", "his “Make America Great Again” hat". Speech ends in a
    stop or a comma ("“Denver,” he answered"); a message read out may be followed by when it
    came ("“Thank you Georgia” moments after")."""
    m = _WORD_AFTER.match(text, closing)
    if not m or quote.rstrip()[-1:] in ",.!?;:":
        return False
    word = fold(m.group(1))
    return word not in FUNCTION_WORDS | PRONOUNS | OTHER_PRONOUNS | TIME_WORDS and \
        word.rstrip("s") not in _WHEN and not is_verb(word, "raw")


def _names_a_thing(text: str, quote: str, opening: int, closing: int) -> bool:
    """Whether an unattributed quote is the name of a thing rather than speech: a title in
    capitals ("Dreams From My Father"), or words shown on a screen or a sign ("the “look for
    updates” window", "an error reading “...”")."""
    words = quote.split()
    # A word quoted inside ("Much More “Pro” Than") counts by its first letter.
    long_words = [w.lstrip(_INNER_MARKS) for w in words if len(w.strip(".,!?:;")) > 3]
    capitals = all(
        w[:1].isupper() or w[:1].isdigit() or _INNER_CAPITAL.match(w) for w in long_words
    )
    if capitals and len(long_words) >= 5:
        return True  # "The Insanity Principle: How Extremism in Politics Is Threatening ..."
    if len(words) > _LONGEST_TITLE:
        return False
    if len(long_words) >= 2 and capitals:
        return True
    before = text[max(0, opening - 40) : opening]
    after = text[closing : closing + 30]
    if quote[:1].isupper() and _CALLED.search(before):
        return True  # "a group called the “We The People Foundation”"
    return bool(_NAMING_BEFORE.search(before) or _NAMING_AFTER.match(after))


# A speech verb right before a quotation in capitals: the words said ("Trump posted “Thank You
# Georgia”"), not a name or a title.
_SAID_RIGHT_BEFORE = re.compile(
    r"\b(?:said|says|posted|posts|tweeted|tweets|chanted|shouted|replied|added)[\s,:]*$"
)
_TITLE_LINKS = frozenset({"and", "of", "the", "in", "for", "on", "to", "a", "an", "at", "&"})


def _title_cased(quote: str) -> bool:
    """Whether quoted words are in capitals as a name or a title is ("running “Racketeer
    Influenced and Corrupt Organisations”", "working on “Next Generation Secure Computing
    Base”"): no quotation unless a speech verb comes right before them."""
    words = quote.split()
    return len(words) >= 3 and not re.search(r"[.!?,;:]", quote) and all(
        w[:1].isupper() or w.lower() in _TITLE_LINKS for w in words
    )


_UNSTOPPED_LINE = re.compile(r"([\w)\]])[ \t]*\n+(?=[ \t]*[A-Z])")


def _blank_quotes(
    text: str, start: int, end: int, spans: list[QuotedSpan], limit: int = 400
) -> str:
    """``text[start:end]`` (at most ``limit`` characters) with each quotation in it replaced by a
    placeholder word, so an attribution after several quotes reaches back to all of them:
    "... "a great deal of weight" and help bring "firepower", a spokesman said."."""
    end = min(end, start + limit)
    pieces, cursor = [], start
    for span in spans:
        if span.open >= cursor and span.close <= end:
            pieces.append(text[cursor : span.open])
            # A placeholder that is no name, keeping the end of a sentence the quote ends.
            inner = text[span.start : span.end].rstrip()
            ends = " . " if inner.endswith((".", "!", "?")) else " "
            pieces.append(f" {PLACEHOLDER}{ends}")
            cursor = span.close
    pieces.append(text[cursor:end])
    # A line that ends with no stop (a feed's subheading) ends its sentence all the same:
    # "Several who recognize Mateen have stepped forward¶Pulse customer Cord Cedeno told"
    return _UNSTOPPED_LINE.sub(r"\1 . ", "".join(pieces))


def _another_reports(
    attributor: Attributor, text: str, sentence_starts: list[int],
    previous: tuple[int, str | None, bool], opening: int,
) -> bool:
    """Whether the sentence between the previous quote and this one reports someone else's
    speech ("“...,” he said. SAIC says none of its money will be paid ..., the FT reports.
    “...”"): the quote is not the previous speaker's going on."""
    inside = [s for s in sentence_starts if previous[0] < s < opening]
    if not inside:
        return False
    tokens = tokenize(text[inside[-1] : opening])
    named = attributor.reported_speaker(tokens)
    return named is not None and named != previous[1]


def _continues(
    text: str, sentence_starts: list[int], previous: tuple[int, str | None, bool], opening: int
) -> bool:
    """Whether a quote opening at ``opening`` follows the previous quote with at most its
    attribution between them: at most one sentence starts in between, counting the end of the
    previous quote itself when its attribution did not follow it."""
    close, _, followed = previous
    if opening - close > 200:
        return False
    ends = bisect.bisect_left(sentence_starts, opening) - bisect.bisect_right(
        sentence_starts, close
    )
    if not followed and _ENDS_SENTENCE.search(text, max(0, close - 3), close):
        ends += 1
    return ends <= 1
