"""Direct quotations and who said them.

A quotation is the text between a pair of quotation marks (see ``marks``), joined with its other
half when an attribution breaks it ("...," he said, "...") and with its next paragraph when it
runs on. One- or two-word quotes are scare quotes and are dropped. The speaker comes from the
words next to the quote, in this order: the attribution after it ("X said", "said X",
"X, the ICC's prosecutor, said", "X told reporters"), the attribution inside a broken quote, the
clause before it ("X said:", "X insisted that ... “...”"), and "according to X". A pronoun
stands for the last named speaker; a quote that fills its own paragraph right after a quoted
paragraph continues that speaker. Titles are dropped from names ("Amnesty Secretary General
Agnes Callamard" -> "Agnes Callamard") and a surname alone is completed from the article
("Callamard" -> "Agnes Callamard"). When none of this names someone, the speaker is unknown:
a wrong speaker is worse than none.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bot.extract.marks import Paragraph, QuotedSpan, paragraphs, quoted_spans
from bot.extract.sentences import Sentence, split_sentences
from bot.extract.vocab import both_forms, words
from bot.models import Quote, TextForm

__all__ = ["FoundQuote", "find_quotes"]

# Stems that are mostly nouns in stemmed text ("member state", "the alleg") are left out there.
_NOUN_STEMS = words("state claim charg call comment note answer promis post alleg remark count")
_VERB_WORDS = """
said says say saying added adds told tells stated states wrote writes asked asks explained
explains noted notes argued argues insisted insists warned warns declared declares continued
continues tweeted tweets remarked replied replies recalled recalls acknowledged acknowledges
admitted admits claimed claims urged urges announced announces suggested suggests conceded
concedes countered counters responded responds answered answers observed observes complained
complains predicted predicts cautioned cautions joked jokes lamented laments quipped quips
boasted boasts vowed vows promised promises agreed agrees stressed stresses emphasized emphasised
emphasizes concluded concludes recounted posted testified shouted yelled reiterated reiterates
maintained maintains mused charged charges contended contends commented comments thundered
wondered wonders branded brands denounced denounces confirmed confirms described describes
called calls asserted asserts alleged alleges advised advises reported reports revealed reveals
pledged pledges thanked thanks echoed echoes labeled labeling labelled quoted quotes saying
adding telling noting writing asking assured assures slammed mocked praised praises criticized
criticised touted defended accused hammered dismissed cited texted emailed proclaimed proclaims
reacted replied retorted
"""
_VERBS = {"raw": words(_VERB_WORDS), "stemmed": both_forms(_VERB_WORDS) - _NOUN_STEMS}
_PRONOUNS = words("he she")
_OTHER_PRONOUNS = words("they i we it you who which that thi")
_DETERMINERS = words(
    "the a an thi this that these those its it his her their our one another some mani"
)
_TITLES = both_forms("""
mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary general
attorney chancellor premier governor gov sen senator rep representative congressman
congresswoman speaker leader chief spokesman spokeswoman spokesperson ambassador prosecutor judge
justice chairman chairwoman chair director head commissioner mayor king queen prince princess
pope rev reverend gen col lt capt sgt adm officer deputy foreign defence defense interior finance
health state former acting ceo executive founder chairperson manager coach candidate nominee
adviser advisor aide strategist analyst professor lawyer economist sheriff inspector
superintendent detective commander colonel captain sergeant admiral major lieutenant senior
junior top campaign press communications national security democratic republican presidential
white house hon mp mep mk lawmaker councillor councilman cardinal bishop archbishop rabbi imam
sheikh emir sultan crown minority majority whip
""")
_PARTICLES = words("de da del della di du van von der den bin ibn al el la le st ben abu dos das y")
_NOT_NAMES = words("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december i
""")
_NOT_INVERTED = words("that it they he she we i : , thi this")
_NO_FOLLOWER = words(
    "of and or 's s for to in on at by with from who which that whose as than & - said says"
)
_LEADING = words("and but so yet then now as while when")
_ADVERBS = words("""
also later then previously earlier again once recently repeatedly publicly privately simply
flatly firmly quickly angrili angrily separately subsequently famously alreadi already still
""")
_FUNCTION_WORDS = words("""
who which that what when where while whom whose is was were are be been being has have had ha wa
and or but if of in on at to for with by from as into about after before over under than then
also not no yes do did does said says told
""")
_INVERTIBLE = words("""
said says added adds asked asks wrote writes continued continues explained explains noted notes
recalled recalls insisted insists declared declares argued argues remarked replied replies
responded responds countered counters warned warns acknowledged conceded stated states tweeted
tweets quipped joked observed reported reports according
""")
_SUBORDINATORS = words("when after while because since if that as before until where though")
_COMMON_SUBJECTS = words("""
officials critics democrats republicans police witnesses analysts experts aides sources residents
observers supporters opponents others voters investigators prosecutors authorities officers
lawmakers leaders protesters organizers scientists researchers doctors economists
""")
_IRREGULAR_PAST = words("""
threw told went came made gave took wrote spoke got became began brought thought felt kept left
met ran saw sent stood won shot hit put set let cut struck fought held led lost paid read sold
sought taught understood drew knew grew blew flew chose broke stole swore tore wore bore fell
""")
_AUXILIARIES = words("is was has had will would can could did does also then later")
_SENTENCE_WORDS = (
    _FUNCTION_WORDS
    | _DETERMINERS
    | _LEADING
    | _NOT_NAMES
    | words(
        "in on at after before during under over it if he she they we i neither either both "
        "much many most each every all few another such"
    )
)
_TOKEN = re.compile(r"[A-Za-z0-9][\w'’.\-]*|``|''|[,;:!?]|\S")
_ABBREVIATED = re.compile(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,3}\.")
_LOWER_WORD = re.compile(r"[a-z\-]+(?:'s)?")
_GAP_OPENS = re.compile(r"\s*,")
_GAP_CLOSES = re.compile(r"[,:]\s*$")
_PARENTHETICAL = re.compile(r"\([^()\n]{0,40}\)|\b[RDI]-[A-Z][A-Za-z.]{1,6}(?=,)")
_QUOTE_TOKENS = frozenset({"``", "''", "“", "”", '"', "«", "»"})
_ENDS_SENTENCE = re.compile(r"[.!?]\s*(?:[\"”»]|''|``)$")
_SPACES = re.compile(r"\s+")
_TRAILING_COMMA = re.compile(r"\s*,$")
_CAPITAL_RUN = re.compile(
    r"\b(?:[A-Z][\w'’\-]*\.?)(?: (?:[A-Z][\w'’\-]*\.?|(?:"
    + "|".join(_PARTICLES)
    + r")(?= [A-Z])))+"
)
_SCARE_WORDS = 2
_GAP_LIMIT = 90


@dataclass(frozen=True)
class FoundQuote:
    """A quotation with the offsets of each of its parts (without the marks)."""

    text: str
    speaker: str | None
    spans: tuple[tuple[int, int], ...]

    def as_quote(self) -> Quote:
        return Quote(self.text, self.speaker)


@dataclass
class _Group:
    parts: list[QuotedSpan]
    middle: str = ""


def _tokens(text: str) -> list[str]:
    """Words and punctuation, with short parentheticals ("(D-Nev.)") left out."""
    out = []
    for token in _TOKEN.findall(_PARENTHETICAL.sub(" ", text)):
        if len(token) > 1 and token.endswith(".") and not _ABBREVIATED.fullmatch(token):
            out.extend((token[:-1], "."))
        else:
            out.append(token)
    return out


def _word(token: str) -> str:
    return token.lower().rstrip(".").replace("’", "'")


def _is_verb(token: str, form: TextForm) -> bool:
    return _word(token) in _VERBS[form]


class _Names:
    """Recognizes names in a chunk of words, and completes a surname from the article."""

    def __init__(self, text: str, form: TextForm) -> None:
        self.form = form
        self.text = text
        self._full: dict[str, str] = {}
        self._index: dict[str, str] | None = None
        self._proper: dict[str, bool] = {}
        self._common: dict[str, bool] = {}

    def is_proper(self, word: str) -> bool:
        """Whether ``word`` is written capitalized inside a sentence somewhere in the article,
        or spelled out as part of a longer name: a proper noun, not a sentence opener."""
        if word not in self._proper:
            if self._index is None:
                self._index = self._full_names()
            inside = re.search(rf"(?:[a-z,]|\w[’']s) {re.escape(word)}\b", self.text)
            self._proper[word] = (
                bool(inside) or word in self._index or word.isupper() or self.text.count(word) >= 2
            )
        return self._proper[word]

    def is_common(self, word: str) -> bool:
        """Whether ``word`` is a common noun that opened a sentence ("Officials said")."""
        lower = word.lower()
        if lower not in self._common:
            self._common[lower] = lower in _COMMON_SUBJECTS or bool(
                re.search(rf"(?<![\w.]){re.escape(lower)}\b", self.text)
            )
        return self._common[lower]

    def full_name(self, name: str) -> str:
        if " " in name:
            return name
        if name not in self._full:
            self._full[name] = self._complete(name)
        return self._full[name]

    def _complete(self, surname: str) -> str:
        """The longest "First Surname" spelled out in the article, else the surname."""
        if self.form == "stemmed":
            pattern = rf"(?<![\w'])([a-z]+) (?:[a-z]\. )?{re.escape(surname)}\b"
            counts: dict[str, int] = {}
            for m in re.finditer(pattern, self.text):
                first = m.group(1)
                if (
                    first not in _TITLES
                    and first not in _DETERMINERS
                    and first not in _VERBS["stemmed"]
                    and len(first) > 2
                    and first not in ("and", "for", "the", "with", "said")
                ):
                    counts[first] = counts.get(first, 0) + 1
            if counts:
                best = max(counts, key=lambda k: counts[k])
                if counts[best] >= 2 or len(counts) == 1:
                    return f"{best} {surname}"
            return surname
        if self._index is None:
            self._index = self._full_names()
        return self._index.get(surname, surname)

    def _full_names(self) -> dict[str, str]:
        """Each surname of the article mapped to the longest full name it ends (titles and
        sentence-initial words dropped), from one pass over the runs of capitalized words."""
        index: dict[str, str] = {}
        for m in _CAPITAL_RUN.finditer(self.text):
            words = m.group().split()
            last_title = max((i for i, w in enumerate(words) if _word(w) in _TITLES), default=-1)
            words = words[last_title + 1 :]
            while words and (_word(words[0]) in _SENTENCE_WORDS or words[0].endswith(".")):
                words = words[1:]
            if not 2 <= len(words) <= 4 or any(w.endswith(("'s", "’s")) for w in words):
                continue
            name = " ".join(words)
            if len(name) > len(index.get(words[-1], "")):
                index[words[-1]] = name
        return index

    def name_in(
        self, chunk: list[str], appositive: bool = False, strict: bool = True
    ) -> str | None:
        """The person or organization a chunk of words names, or None for a description.
        ``strict`` asks a one-word name to be known as a proper noun; next to a speech verb
        ("Miller said") it need only not be a common noun ("Officials said")."""
        words = _without_brackets([t for t in chunk if t not in (",", "``", "''")])
        while words and _word(words[0]) in _LEADING:
            words = words[1:]
        while words and (
            _word(words[-1]) in _ADVERBS
            or _word(words[-1]) in _AUXILIARIES
            or _word(words[-1]).endswith("ly")
        ):
            words = words[:-1]
        cut = max(
            (
                i
                for i, w in enumerate(words)
                if _word(w) in _SUBORDINATORS
                or (_word(w) == "and" and i and words[i - 1][:1].islower())
            ),
            default=-1,
        )
        words = words[cut + 1 :]
        if not words:
            return None
        if self.form == "stemmed":
            return self._stemmed_name(words, appositive)
        if "of" in words[1:]:
            # "Joel Pollak of Breitbart California", "Sen. Ted Cruz of Texas"
            head = self.name_in(words[: words.index("of")])
            if head and " " in head:
                return head
        # The name is the run of capitalized words at the end of the chunk.
        end = len(words)
        start = end
        while start > 0 and (
            words[start - 1][:1].isupper()
            or (words[start - 1].lower() in _PARTICLES and start < end)
        ):
            start -= 1
        run = words[start:end]
        # Drop titles at the front of the run ("Secretary General Agnes Callamard").
        last_title = max((i for i, w in enumerate(run) if _word(w) in _TITLES), default=-1)
        if last_title == len(run) - 1:
            return None
        run = run[last_title + 1 :]
        while run and _word(run[0]) in _SENTENCE_WORDS:
            run = run[1:]  # "Another", "Neither Alan Grayson"
        if not run or any(w.lower() in _NOT_NAMES for w in run):
            return None
        if (
            len(run) == 1
            and last_title < 0
            and (not self.is_proper(run[0]) if strict else self.is_common(run[0]))
        ):
            return None  # "Much", "Fundraising": capitalized only to start a sentence
        if run[-1].endswith(("'s", "’s")):
            return None
        if len(run) > 1 and all(w.isupper() and len(w) > 2 for w in run):
            return None  # a headline in capitals
        prefix = [_word(w) for w in words[:start]]
        if (
            last_title < 0
            and prefix
            and any(
                w in _FUNCTION_WORDS
                or (w not in _TITLES and w not in _DETERMINERS and not _LOWER_WORD.fullmatch(w))
                for w in prefix
            )
        ):
            return None  # "who met Smith", "the ambassador to Israel"
        name = " ".join(run)
        return self.full_name(name) if len(run) == 1 else name

    def _stemmed_name(self, words: list[str], appositive: bool) -> str | None:
        """Stemmed text has no capitals: a name is the one to three words after a title
        ("prime minist rishi sunak") or an appositive between commas (", jack lew ,")."""
        last_title = max((i for i, w in enumerate(words) if w in _TITLES), default=-1)
        rest = words[last_title + 1 :]
        if last_title < 0 and (not appositive or len(rest) < 2):
            return None
        if not 1 <= len(rest) <= 3 or any(
            w in _FUNCTION_WORDS or w in _DETERMINERS or not w.isalpha() for w in rest
        ):
            return None
        name = " ".join(rest)
        return self.full_name(name) if len(rest) == 1 else name


def _split_chunks(tokens: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for t in tokens:
        if t == ",":
            chunks.append([])
        else:
            chunks[-1].append(t)
    return [c for c in chunks if c]


class _Attributor:
    def __init__(self, text: str, form: TextForm) -> None:
        self.form = form
        self.names = _Names(text, form)
        self.last: str | None = None

    def speaker_of(self, chunks: list[list[str]], nearest_last: bool) -> tuple[bool, str | None]:
        """(found, speaker) for the subject chunks of a speech verb: a name, a pronoun resolved
        to the last speaker, or a description (found, but unknown). An appositive is looked
        through ("the US ambassador, Jack Lew, said"); a bare "and" before the verb means the
        subject is further back, so nothing is found here."""
        if not chunks:
            return False, None
        order = list(reversed(chunks)) if nearest_last else chunks
        first = [w for w in order[0] if w not in ("``", "''") and _word(w) not in _LEADING]
        if not first:
            return False, None
        if len(first) == 1 and first[0].lower() in _PRONOUNS:
            return True, self.last
        if len(first) == 1 and first[0].lower() in _OTHER_PRONOUNS:
            return True, None
        for index, chunk in enumerate(order[:3]):
            if (
                nearest_last
                and len(chunk) == 1
                and index + 1 < len(order)
                and _ends_with_place(order[index + 1])
            ):
                continue  # "in Columbus, Ohio,": the state of a place, not a speaker
            name = self.names.name_in(
                chunk, appositive=len(chunks) > 1 and chunk is not chunks[0], strict=False
            )
            if name:
                return True, name
            lead = [w for w in chunk if _word(w) not in _LEADING]
            if (
                self.form == "raw"
                and lead
                and lead[0][:1].isupper()
                and (_word(lead[0]) not in _DETERMINERS)
            ):
                break  # an unreadable name: better unknown than the next chunk's name
        return True, None

    def after(self, tokens: list[str]) -> tuple[bool, str | None]:
        """An attribution that follows a quote: "X said", "said X", "X, a spokesman, said"."""
        while tokens and tokens[0] in (",", "``", "''", "-", "—"):
            tokens = tokens[1:]
        clause = _clause(tokens)
        for i, t in enumerate(clause[:30]):
            if not _is_verb(t, self.form):
                continue
            if _is_participle(t):
                return False, None  # "..., adding that": the sentence's subject speaks
            before = _split_chunks(clause[:i])
            if i == 0 or clause[i - 1] == ",":
                # "said X", or "..., said X" after a phrase that ends the quoted sentence;
                # "Ramos, 58, told AFP" keeps its subject.
                if i and self.form == "raw":
                    found, speaker = self.speaker_of(before, True)
                    if speaker:
                        return found, speaker
                if (
                    i + 1 < len(clause)
                    and _word(t) in _INVERTIBLE
                    and _word(clause[i + 1]) not in _NOT_INVERTED
                ):
                    return self.speaker_of(
                        _split_chunks(_subject_after_verb(clause[i + 1 :])), False
                    )
                if i == 0:
                    return False, None
            if _word(clause[0]) in _LEADING or any(_word(c[0]) in _LEADING for c in before[1:]):
                break  # "... but argues that": the sentence's subject speaks
            return self.speaker_of(before, True)
        # "... is "a wanted man" after the court's decision, Amnesty International said."
        commas = [i for i, t in enumerate(clause) if t == ","]
        if commas:
            tail = clause[commas[-1] + 1 :]
            for i, t in enumerate(tail[:6]):
                if _is_verb(t, self.form) and not _is_participle(t):
                    return self.speaker_of(_split_chunks(tail[:i]), True)
        return self.according_to(clause)

    def before(self, tokens: list[str]) -> tuple[bool, str | None]:
        """An attribution that precedes a quote: "X said:", "X said that ... “...”"."""
        clause = _clause_before(tokens)
        for i in range(len(clause) - 1, -1, -1):
            if not _is_verb(clause[i], self.form):
                continue
            commas = [j for j in range(i + 1, len(clause)) if clause[j] == ","]
            if commas:
                later = self.subject(clause[commas[-1] + 1 :])
                if later[0]:
                    return later  # "When Trump asked ..., Rubio fired back: “...”"
            subject = clause[:i]
            cut = max((j for j, t in enumerate(subject) if t in (";", ":")), default=-1)
            subject = subject[cut + 1 :]
            if _is_participle(clause[i]):
                # "Clinton posted a comment, saying, “...”": the clause's subject speaks.
                found, speaker = self.subject(subject)
                if found:
                    return found, speaker
                continue
            found, speaker = self.speaker_of(_split_chunks(subject[-30:]), True)
            if found and speaker is None:
                # "Trump called on her to resign and said, “...”"
                found_subject, named = self.subject(subject)
                if found_subject:
                    return found_subject, named
            if found:
                return found, speaker
            rest = _subject_after_verb(clause[i + 1 :])
            if rest and len(rest) >= len(clause) - i - 2 and _word(rest[0]) not in _NOT_INVERTED:
                # "said Smith: “...”" -- but not "said Trump had “...”"
                return self.speaker_of(_split_chunks(rest), False)
            return self.subject(subject)
        if clause and clause[-1] == ":":
            # "Rep. Trey Gowdy: “...”", "HEADLINE - Michael P. McDonald: “...”"
            head = clause[:-1]
            cut = max((i for i, t in enumerate(head) if t in ("-", "—", "–")), default=-1)
            head = head[cut + 1 :]
            name = self.names.name_in(head) if len(head) <= 8 else None
            if name:
                return True, name
        return self.according_to(clause)

    def subject(self, tokens: list[str]) -> tuple[bool, str | None]:
        """The named subject of the clause a partial quote sits in: "Mr. Cruz pledged to
        oppose legal status “today, tomorrow, forever.”" (raw text only). The name must be
        followed by a word that reads as a verb."""
        if self.form == "stemmed":
            return False, None
        tokens = [t for t in tokens if t not in _QUOTE_TOKENS]
        clause = _clause_before(tokens)
        pending: str | None = None  # "Ted Nordhaus, head of the institute, welcomed"
        for chunk in _split_chunks(clause):
            words = _without_brackets([w for w in chunk if _word(w) not in _LEADING])
            if pending and words and _reads_as_verb(words[0]):
                return True, pending
            if words and _word(words[0]) == "the":
                words = words[1:]
            run = 0
            while run < len(words) and (
                words[run][:1].isupper() or (run and _word(words[run]) in _PARTICLES)
            ):
                run += 1
            if not run or _word(words[0]) in _SENTENCE_WORDS:
                continue
            if run == len(words):
                pending = pending or self.names.name_in(words)
                continue
            verb = run
            while verb < len(words) - 1 and _word(words[verb]).endswith("ly"):
                verb += 1  # "Clinton immediately posted"
            if _reads_as_verb(words[verb]):
                name = self.names.name_in(words[:run])
                if name:
                    return True, name
        return False, None

    def according_to(self, tokens: list[str]) -> tuple[bool, str | None]:
        words = [_word(t) for t in tokens]
        for i in range(len(words) - 1):
            if words[i] in ("according", "accord") and words[i + 1] == "to":
                return self.speaker_of(_split_chunks(_subject_after_verb(tokens[i + 2 :])), False)
        return False, None


def _ends_with_place(chunk: list[str]) -> bool:
    return len(chunk) >= 2 and _word(chunk[-2]) in ("in", "at", "from") and chunk[-1][:1].isupper()


def _reads_as_verb(token: str) -> bool:
    """A lowercase word that looks like a finite verb: "pledged", "says", "is"."""
    word = _word(token)
    return token[:1].islower() and (
        word in _AUXILIARIES
        or word in _IRREGULAR_PAST
        or word in _VERBS["raw"]
        or (word.endswith(("ed", "s")) and not word.endswith("ss"))
    )


def _without_brackets(words: list[str]) -> list[str]:
    """The words outside parentheses: "Paul Ryan (R-WI)" -> "Paul Ryan"."""
    out, depth = [], 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif not depth:
            out.append(w)
    return out


def _is_participle(token: str) -> bool:
    return _word(token).endswith("ing")


def _clause(tokens: list[str]) -> list[str]:
    for i, t in enumerate(tokens):
        if t in (".", ";", "!", "?", "``", "''", "“", "”", '"'):
            return tokens[:i]
    return tokens


def _clause_before(tokens: list[str]) -> list[str]:
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in (".", "!", "?", "``", "''", "“", "”", '"'):
            return tokens[i + 1 :]
    return tokens


def _subject_after_verb(tokens: list[str]) -> list[str]:
    """The words naming the speaker after an inverted verb, up to a preposition."""
    out = []
    for t in tokens:
        if _word(t) in (
            "in",
            "on",
            "at",
            "during",
            "after",
            "before",
            "when",
            "while",
            "told",
            "to",
            "of",
            "last",
            "this",
            "who",
            "which",
            "adding",
            "ad",
        ):
            if out and _word(t) == "of" and out[-1][:1].isupper():
                out.append(t)
                continue
            break
        out.append(t)
    return out


def _groups(
    text: str, form: TextForm, spans: list[QuotedSpan], blocks: list[Paragraph]
) -> list[_Group]:
    groups: list[_Group] = []
    for span in spans:
        if groups:
            prev = groups[-1].parts[-1]
            if prev.continued and span.paragraph == prev.paragraph + 1:
                groups[-1].parts.append(span)
                continue
            gap = text[prev.close : span.open]
            if (
                prev.paragraph == span.paragraph
                and len(gap) <= _GAP_LIMIT
                and _GAP_OPENS.match(gap)
                and _GAP_CLOSES.search(gap)
                and any(_is_verb(t, form) for t in _tokens(gap))
            ):
                groups[-1].parts.append(span)
                groups[-1].middle = gap
                continue
        groups.append(_Group([span]))
    return groups


def _quote_text(text: str, group: _Group) -> str:
    pieces = [_SPACES.sub(" ", text[p.start : p.end]).strip() for p in group.parts]
    return _TRAILING_COMMA.sub("", " ".join(p for p in pieces if p))


def _sentence_index(sentences: list[Sentence], starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def find_quotes(
    text: str,
    form: TextForm = "raw",
    blocks: list[Paragraph] | None = None,
    spans: list[QuotedSpan] | None = None,
    sentences: list[Sentence] | None = None,
) -> list[FoundQuote]:
    """Every direct quotation in ``text`` with its speaker, in order. The paragraphs, quoted
    spans and sentences are computed when not given."""
    blocks = paragraphs(text) if blocks is None else blocks
    spans = quoted_spans(text, form, blocks) if spans is None else spans
    if not spans:
        return []
    if sentences is None:
        sentences = split_sentences(text, form, blocks, spans)
    starts = [s.start for s in sentences]
    attributor = _Attributor(text, form)
    out: list[FoundQuote] = []
    # (offset where the last quote closed, its speaker, whether its attribution followed it)
    previous: tuple[int, str | None, bool] | None = None
    for group in _groups(text, form, spans, blocks):
        first, last = group.parts[0], group.parts[-1]
        sentence_start = sentences[_sentence_index(sentences, starts, first.open)].start
        begin = max(sentence_start, previous[0] if previous else 0)
        found, speaker, followed = False, None, False
        if group.middle:
            found, speaker = attributor.after(_tokens(group.middle))
            followed = found
        closes_sentence = text[last.start : last.end].rstrip().endswith(".")
        if not found and not closes_sentence:
            stop = blocks[last.paragraph].end
            next_open = next((s.open for s in spans if s.open >= last.close), stop)
            found, speaker = attributor.after(_tokens(text[last.close : min(stop, next_open)]))
            followed = found
        if not found:
            found, speaker = attributor.before(_tokens(text[begin : first.open]))
        opens_sentence = not text[begin : first.open].strip()
        if not found and not opens_sentence:
            found, speaker = attributor.subject(_tokens(text[sentence_start : first.open]))
        if not found and opens_sentence and first.paragraph > 0:
            # "Cruz continued:" closing the paragraph before.
            block = blocks[first.paragraph - 1]
            lead_in = text[block.start : block.end].rstrip()
            if lead_in.endswith(":"):
                tail = lead_in[-300:]
                found, speaker = attributor.before(_tokens(tail[:-1]))
                if not found:
                    found, speaker = attributor.subject(_tokens(tail))
        if not found and previous is not None and _continues(text, starts, previous, first.open):
            # The next quote after an attributed one, with no other sentence between them,
            # goes on with its speaker.
            found, speaker = True, previous[1]
        if speaker:
            attributor.last = speaker
        previous = (last.close, speaker, followed)
        quote = _quote_text(text, group)
        if len(quote.split()) > _SCARE_WORDS:
            out.append(FoundQuote(quote, speaker, tuple((p.start, p.end) for p in group.parts)))
    return out


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
