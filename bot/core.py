"""The answer core: one query in, one Answer out, in the query's language. Pure, no Slack.

Matching, in order: the parser (bot.query) takes out the language, command words, article numbers and
years; article numbers filter facts exactly. The question's other constraints (bot.constraints: places,
measures such as cases opened vs prosecuted vs convicted, comparisons, totals) narrow the facts that may
answer or are named in a note: the core never substitutes another country's, year's or measure's figure.
The words are scored against the language's index (bot.index): a fact's score is the share of the query's
IDF weight it holds, blended with how much of the query its single best phrase covers. A word the index
does not know goes through one strict typo pass; a content word still unknown makes the query a miss when
it carries a real share of the question ("weather", "stock market"), so one known word cannot carry an
unrelated fact. Below MIN_SCORE the query is a miss, with "did you mean" suggestions instead of a guess.
The constants are tuned on the tuning split of tests/eval only (the held-out split is never tuned on).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from operator import itemgetter

from bot import notes
from bot.answer import MAX_FACTS, MAX_SUGGESTIONS, Answer
from bot.constraints import (
    COUNTED_PEOPLE_STEMS,
    MEASURE_STEMS,
    MEASURE_WORDS,
    OFFICE_STEMS,
    PERSON_STEMS,
    Constraints,
    asks_penalty,
    constraint_stems,
    constraints,
    fact_measures,
    fact_names_person,
    fact_places,
    fact_states_amount,
    fold_places,
    greeting,
    other_report,
    periods_in,
    person_context,
    place_country,
    place_family,
    place_name,
    place_of,
    qualifies_penalty,
    small_talk,
)
from bot.facts import CaseRow, CasesData, CountsData, Fact, PenaltyData, VictimsData
from bot.index import ANSWER_WEIGHT, UNKNOWN_WEIGHT, Index, bitset, build_index, fact_text, terms
from bot.knowledge import KnowledgeBase, section_key
from bot.lang import CABLE_WORDS, STOPWORDS, Lang, is_cyrillic, script, stem, stopwords
from bot.query import SPELLING, ArticleRef, Query, normalize_words, parse
from bot.texts.commands import EXAMPLES, HELP
from bot.texts.paragraphs import paragraph_label

# Tuned on the tuning split of tests/eval (see tests/test_eval.py); change only with the evaluation, never
# for one query.
MIN_SCORE = 0.35  # the score a fact needs to be an answer
ALSO_SHOWN = 0.85  # further facts are shown when they score at least this share of the best
SAME_TOPIC_SHOWN = 0.5  # ... or this share when they are on the best fact's topic (multi-part questions)
SAME_TOPIC_FLOOR = 0.15  # ... and score at least this
MIN_COVER = 0.0  # ... and must hold at least this share of the query's weight ("people live in tajikistan")
PLACE_COVER = 0.5  # a question naming a place needs a fact holding this share of its other words
SUGGEST_SCORE = 0.25  # a miss suggests facts that score at least this ("did you mean")
PRECISION_NUDGE = 0.1  # of two phrases covering the query alike, the one the query covers more wins
PAIR_BONUS = 0.1  # two adjacent words of the question adjacent in a fact too ("foreign victims")
COUNT_BONUS = 0.1  # "how many …" prefers facts that carry figures
PLACE_BONUS = 0.3  # "where …", "which countries …" prefer facts that name places
PLACE_LIST = 3  # ... in full when they name this many countries (a city counts as its country)
WHERE_WORDS = frozenset(
    {"where", "countries", "country", "cities", "city", "куда", "где", "страны", "стран", "странах", "страну"}
)
PLACE_LIST_WORDS = frozenset({"countries", "cities", "куда", "страны", "стран", "странах"})  # asks for a list of places
WHEN_BONUS = 0.1  # "when …", "what year …", "когда …" prefer facts that state a date
WHEN_STARTS = frozenset({"when", "когда"})  # as the question's first word ("what happens when …" asks no date)
YEAR_PAIRS = frozenset({("what", "year"), ("which", "year"), ("каком", "году")})  # ask for the year itself
WHEN_PAIRS = YEAR_PAIRS | {("what", "date"), ("какого", "числа")}


def _nearest(word: str, choices: list[str], edits: int) -> tuple[str, int] | None:
    """The choice at most `edits` Damerau-Levenshtein edits from the word (the nearest), with its distance."""
    from rapidfuzz import process  # here: most queries never need it, and `tip-bot ask` starts faster
    from rapidfuzz.distance import DamerauLevenshtein

    hit = process.extractOne(word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=edits)
    return None if hit is None else (hit[0], int(hit[1]))


def asks_year(words: tuple[str, ...]) -> bool:
    """Whether a question asks for the year itself ("in what year did …"), not for a year's figures."""
    return not YEAR_PAIRS.isdisjoint(pairwise(words))


_DATE = re.compile(  # a year or a month ("may" only beside a day or a year: it is also "may be around 100")
    r"\b(?:1[89]\d\d|20\d\d|january|february|march|april|june|july|august|september|october|november|december"
    r"|may\s+\d+|\d{1,2}\s+may)\b"
)
_PERCENT_ASKED = re.compile(r"%|\bpercent(?:age)?s?\b|\bper\s+cent\b|\bпроцент", re.IGNORECASE)
_PERCENT_GIVEN = re.compile(r"\d\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
_YEAR_GIVEN = re.compile(r"\b(?:1[89]|20)\d\d\b")
YEAR_BONUS = 0.1  # a fact whose figures state the asked year beats one that has it only as the reporting period
UNDATED_SHARE = 0.6  # ... and an undated fact on the topic beats the dated ones when they score below this share of it
SHORTLIST = 20  # facts (most query weight) whose phrases are scored in full
UNKNOWN_SHARE = 0.5  # a miss when words the cable does not know carry at least this share of the query
UNKNOWN_GATE = 1.0  # ... each weighing this many times the rarest known word
TYPO_MIN = 5  # words shorter than this are never typo-corrected ("plan" is not "plane")
ROOT_MIN = 6  # an unknown word's stem may stand for a known one sharing a prefix this long ...
ROOT_SHARE = 0.75  # ... that is this share of the shorter stem
ROOT_QUALITY = 0.8  # ... matched at this quality
NEGATIONS = ("un", "mis", "non", "dis")  # an unknown English word with one of these is about the rest of it
SYNONYM_QUALITY = 0.9  # an everyday word for one of the cable's (bot/synonyms.py) is matched at this quality
NEGATED_QUALITY = 0.9  # ... matched at this quality
TYPO_MEMORY = 4096  # typo look-ups remembered (then forgotten all at once: a bound, not a cache policy)
LONG_TYPO = 9  # words this long may be two edits away from a known word, shorter ones one edit

COMMAND_TOPICS = {"penalties": "penalties", "shelters": "shelters", "victims": "victims", "cases": "statistics"}
COMMAND_DATA = {"penalties": "penalty", "shelters": "shelters", "victims": "victims", "cases": "cases"}
ABOUT_TOPICS = frozenset({"about"})  # facts about the cable itself (its date is not a year it reports on)
ABOUT_IDS = ("cable-identity", "cable-date", "cable-subject")
CABLE_NAMES = frozenset(
    {"cable", "telegram", "document", "memo", "телеграмма", "телеграммы", "телеграмме", "телеграмму"}
)
MEASURE_VALUES = {dim: frozenset(values) for dim, values in MEASURE_WORDS.items()}
ARTICLE_TERMS = frozenset({"article", "articles", "art", "arts", "st", "ст", "статья", "статьи", "статье"})


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float
    cover: float = 1.0  # the share of the query's weight the fact holds anywhere in its text


@dataclass(frozen=True)
class _Weights:
    """A query's terms resolved against the indexes: what each stands for, and what nobody knows."""

    matched: dict[tuple[Lang, str], float]  # (index language, term) -> IDF weight x match quality
    total: float  # the query's whole weight, unknown words included
    unknown: tuple[str, ...]  # content words no index knows, as typed
    unknown_weight: float


_COUNT = re.compile(r"(?<![\d.])(\d[\d,]*)(?![\d.]*\d)")


_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|dozen|dozens)\b",
    re.IGNORECASE,
)


def _counts(text: str) -> bool:
    """Whether a text gives a count: a number word, or a number that is not a year (19xx/20xx) or an article
    number (130.1)."""
    if _NUMBER_WORDS.search(text):
        return True
    for m in _COUNT.finditer(text):
        n = m.group(1).replace(",", "")
        before = text[max(0, m.start() - 10) : m.start()].casefold()
        if (len(n) == 4 and n[:2] in ("19", "20")) or text[m.end() : m.end() + 2].startswith("."):
            continue  # a year, or an article such as 130.1
        if not before.rstrip().endswith(("article", "articles", "art.", "статья", "статьи", "статьей", "ст.", "and")):
            return True
    return False


NOUN_COUNT_PHRASES = (("how", "many"), ("number", "of"), ("сколько",), ("скольких",), ("скольким",), ("количество",))
COUNTED_MAX = 3  # the counted thing: the content words right after "how many" (up to this many)
RELATIVES = frozenset({"who", "that", "which", "whom", "кто", "который", "которые", "которых", "которым"})
COUNTED_REST = 2  # ... and one the cable does not know is left out of the matching if this many words are known
COUNT_WINDOW = 3  # a fact counts a thing when one of its words stands this close to a count in its answer
# the cable counts children as minors ("23 were minors"): what "how many children" may be counted as
COUNTED_AS = {"child": "minors", "детей": "несовершеннолетних", "дети": "несовершеннолетние"}  # "kids" reads as child
_COUNTED_AS_STEMS = {stem(k, script(k, "en")): stem(v, script(v, "en")) for k, v in COUNTED_AS.items()}
_COUNTED_ALTS = frozenset(_COUNTED_AS_STEMS.values())
_COUNT_TOKEN = re.compile(r"\d[\d,.]*%?|[^\W\d_]+")
_NUMBER_WORDS_RU = frozenset(
    """два две три четыре пять шесть семь восемь девять десять двадцать тридцать сорок пятьдесят сто сотни
    сотен тысяча тысячи тысяч миллион десятки десятков""".split()  # noqa: SIM905
)


def counted_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """What "how many …" counts: the content words right after the phrase, up to the next stop word
    ("how many officers work in the MVD unit" -> officers, work; "сколько в Таджикистане борделей" ->
    таджикистане, борделей). Empty when the question counts nothing it names ("how many in 2009")."""
    for k in range(len(words)):
        for phrase in NOUN_COUNT_PHRASES:
            if words[k : k + len(phrase)] == phrase:
                out: list[str] = []
                relative = False
                for w in words[k + len(phrase) :]:
                    if stopwords(w) or w.isdigit():
                        relative = relative or w in RELATIVES  # "children who picked cotton": the clause counts
                        if out and not relative:
                            break
                        continue
                    out.append(w)
                    if len(out) == COUNTED_MAX:
                        break
                return tuple(out) + tuple(COUNTED_AS[w] for w in out if w in COUNTED_AS)
    return ()


def count_context(text: str, lang: Lang) -> tuple[frozenset[str], frozenset[str]]:
    """The stems within COUNT_WINDOW words of a count in a text (a number that is not a year or an article
    number, or a number word): the things the text counts; and the stems of the sentences that hold a count
    (what those things are said of)."""
    near: set[str] = set()
    said: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        tokens = [SPELLING.get(t, t) for t in _COUNT_TOKEN.findall(sentence.casefold())]  # as the index reads them
        counted = False
        for k, t in enumerate(tokens):
            if t[0].isdigit():
                n = t.rstrip("%").rstrip(".,").replace(",", "")
                if (len(n) == 4 and n[:2] in ("19", "20")) or "." in n:
                    continue
            elif not (_NUMBER_WORDS.fullmatch(t) or t in _NUMBER_WORDS_RU):
                continue
            counted = True
            near.update(stem(w, lang) for w in tokens[max(0, k - COUNT_WINDOW) : k + COUNT_WINDOW + 1] if w.isalpha())
        if counted:
            said.update(stem(w, lang) for w in tokens if w.isalpha())
    return frozenset(near), frozenset(said)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZА-Я])")


_TOKEN = re.compile(r"[^\W\d_]+")
_UNSEEN = object()


def _names(raw: str) -> set[str]:
    """The words typed as names: an acronym (UNICEF, ЮНИСЕФ) or a capitalised word after the first, case-folded."""
    tokens = _TOKEN.findall(raw)
    return {
        t.casefold()
        for k, t in enumerate(tokens)
        if (len(t) >= 2 and t.isupper()) or (k > 0 and t[0].isupper() and not t.isupper())
    }


def _pairs(seq: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairwise(seq))


@lru_cache(maxsize=1024)
def _query_pairs(words: tuple[str, ...], lang: Lang) -> frozenset[tuple[str, str]]:
    """A question's adjacent term pairs, once per question (a question is ranked several times: its year,
    its misses' suggestions)."""
    return _pairs(terms(" ".join(words), lang))


PERIOD_NAMES = {
    "en": {"day": "day", "week": "week", "month": "month", "year": "year"},
    "ru": {"day": "день", "week": "неделю", "month": "месяц", "year": "год"},
}
ARTICLE_WORD = {"en": "article", "ru": "статья"}
# where a question with several parts splits: before a new question word after "and"/"и", at "?", ";" or a dash
_ASKS_EN = r"(?:who|what|which|how|when|where|why|whether|did|does|do|is|are|was|were|can|has|have|if)\b"
_ASKS_RU = r"(?:кто|что|какие|какой|какая|сколько|как|где|когда|почему|куда|откуда|есть|\w+\s+ли)\b"
_PART_BREAK = re.compile(  # a "?" ends a part; "and", ";" or a dash start one only before a question word; so
    # does what a question compares with ("the penalty for rape compared with the penalty for trafficking")
    rf"\s+(?:compared?\s+(?:with|to)|versus|vs\.?|по\s+сравнению\s+с|в\s+сравнении\s+с)\s+|\?\s+(?=\S)|(?:,?\s+(?:and|also|plus)|;|\s+[-–—])\s+(?={_ASKS_EN})|(?:,?\s+и|;|\s+[-–—])\s+(?={_ASKS_RU})",
    re.IGNORECASE,
)


def question_parts(text: str) -> list[str]:
    """The parts of a question with several ("X and who Y?", "X? Y", "X - Y"), each with a word of its own;
    one part for an ordinary question ("women and children", "trafficking to Russia and Kazakhstan")."""
    parts = [p.strip(" ,.?!") for p in _PART_BREAK.split(text)]
    return [p for p in parts if any(not stopwords(w) for w in _TOKEN.findall(p.casefold()))]


def _about_cable(words: tuple[str, ...]) -> bool:
    """Whether a question names the cable and nothing else ("which cable is this", "что это за телеграмма")."""
    return any(w in CABLE_WORDS for w in words) and all(stopwords(w) or w.isdigit() for w in words)


def _bits(pool: int) -> list[int]:
    """The positions of the set bits of a pool, lowest first."""
    out = []
    while pool:
        low = pool & -pool
        out.append(low.bit_length() - 1)
        pool ^= low
    return out


def _article_key(a: str) -> tuple[int, ...]:
    return tuple(map(int, a.split(".")))


class AnswerCore:
    """Build once per knowledge base (tens of ms); ask() is pure and well under a millisecond."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.facts: tuple[Fact, ...] = kb.facts
        self._order = {f.id: i for i, f in enumerate(self.facts)}
        # English is built now; Russian on the first Russian question (half the start-up of a big base)
        self._indexes_built: dict[Lang, Index] = {"en": build_index(self.facts, "en")}
        self._building = threading.Lock()
        en = self._indexes_built["en"]
        # each fact's places and their countries: see _where (on the first question about places)
        self._places_built: tuple[list[frozenset[str]], list[frozenset[str]]] | None = None
        self._placing = threading.Lock()
        self._measures = [fact_measures(f) for f in self.facts]
        # Pools of facts are bits of an int (fact i is bit i), so filters are a few big-int operations
        # whatever the size of the base.
        self._by_topic: dict[str, set[int]] = {}
        self._by_article: dict[str, set[int]] = {}
        by_year: dict[int, list[int]] = {}
        for i, f in enumerate(self.facts):
            self._by_topic.setdefault(f.topic, set()).add(i)
            for a in f.articles:
                self._by_article.setdefault(a, set()).add(i)
            for y in f.years:
                by_year.setdefault(y, []).append(i)
        self._topic_bits = {t: bitset(sorted(v)) for t, v in self._by_topic.items()}
        self._year_bits = {y: bitset(v) for y, v in by_year.items()}
        self._everyone = (1 << len(self.facts)) - 1
        self._about_bits = bitset([i for i, f in enumerate(self.facts) if f.topic in ABOUT_TOPICS])
        self._person_near: dict[tuple[int, Lang], frozenset[str]] = {}
        self._count_near: dict[tuple[int, Lang], tuple[frozenset[str], frozenset[str]]] = {}
        self._typos: dict[tuple[str, Lang], tuple[str, float] | None] = {}
        self._stop_slips: dict[str, bool] = {}
        self._people = bitset([i for i, ts in enumerate(en.fact_terms) if fact_names_person(ts)])
        self._place_bits: dict[str, int] = {}
        self._dim_bits: dict[str, int] = {}
        self._value_bits: dict[tuple[str, str], int] = {}
        measured = [i for i, m in enumerate(self._measures) if m]  # the few facts with figures
        for dim in MEASURE_WORDS:
            self._dim_bits[dim] = bitset([i for i in measured if dim in self._measures[i]])
            for value in MEASURE_WORDS[dim]:
                self._value_bits[(dim, value)] = bitset(
                    [i for i in measured if value in self._measures[i].get(dim, ())]
                )
        self.articles: tuple[str, ...] = tuple(sorted(self._by_article, key=_article_key))
        # the last year the cable reports on (its own date aside): an undated fact describes the situation then,
        # never a later year ("the 2010 cotton harvest")
        self._last_year = max(
            (y for f in self.facts if f.topic not in ABOUT_TOPICS and f.data is not None for y in f.years), default=0
        )
        self.years: tuple[int, ...] = tuple(sorted(self._year_bits))
        self._suggestions: dict[tuple[str, Lang], str | None] = {}
        self._fact_pairs: dict[tuple[int, Lang], frozenset[tuple[str, str]]] = {}
        self._sorted_terms: dict[Lang, list[str]] = {}  # each index's terms in order, for the same-root pass

    # ------------------------------------------------------------------ public

    def ask(self, text: str, lang: Lang | None = None) -> Answer:
        """The answer to one query; `lang` forces the language, otherwise Cyrillic in the text means Russian."""
        text = text if isinstance(text, str) else str(text)
        answer = self._ask(text, lang)
        if answer.kind != "facts":
            return answer
        parts = question_parts(answer.query)  # as unescaped: "women &amp; children" has no ";"
        if len(parts) < 2:
            return answer
        # "who investigates trafficking and who prosecutes it": each part's best fact is shown, after the best
        # fact of the whole question
        whole = parse(answer.query, lang)
        firsts = []
        for part in parts:
            q = parse(part, answer.lang)
            # "наказание по ст 130.1 и сколько дел по ней завели": the whole's article and year hold in each part
            extra = [] if q.articles else [f"{ARTICLE_WORD[answer.lang]} {a.number}" for a in whole.articles]
            extra += [] if q.years else [str(y) for y in whole.years]
            got = self._ask(" ".join([part, *extra]), answer.lang)
            if got.kind == "facts":
                firsts.append(got.facts[0])
        facts = list({f.id: f for f in [answer.facts[0], *firsts, *answer.facts[1:]]}.values())[:MAX_FACTS]
        return replace(answer, facts=tuple(facts))

    def _ask(self, text: str, lang: Lang | None = None) -> Answer:
        q = parse(text, lang)
        q = replace(q, words=self._fold_slips(fold_places(q.words, self._knows)))
        if q.empty or q.command == "help":
            return self.help(q.raw, q.lang)
        if not q.articles and not q.years and small_talk(q.words, q.lang):  # "hi", "спасибо": not a question
            return Answer(
                q.raw, "miss", note=notes.note("small_talk", q.lang), suggestions=EXAMPLES[q.lang], lang=q.lang
            )
        if q.command == "topics" and not q.articles and not q.years:
            return Answer(q.raw, "topics", groups=tuple(self.topics()), lang=q.lang)
        if q.command == "about" and not q.articles and not q.years:
            return self._about(q)
        if not q.articles and not q.years and _about_cable(q.words):  # "which cable is this?"
            return self._about(q)
        if (year := other_report(q.raw)) is not None:  # "what did the 2009 TIP report say"
            return self._miss(q, notes.note("other_report", q.lang, year=year), [], unmet=("report",))
        if not q.articles and not q.years and not CABLE_NAMES.isdisjoint(q.words) and self._about_bits:
            # "is the cable classified", "who sent this telegram": its header answers, if it answers at all
            got = self._by_words(q, self._about_bits, suggest=False)
            if got.matched:
                return got
        articles = self._articles(q)
        if articles:
            return self._by_articles(q, articles)
        if q.command == "penalties" and not q.years and self.penalty_table:
            return Answer(q.raw, "table", self.penalty_table, note=notes.note("table", q.lang), lang=q.lang)
        if q.command == "article":
            return self._article_miss(q, None)
        return self._by_words(q)

    def _fold_slips(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A misspelt word that, corrected, names a constraint is read as corrected before the constraints are
        ("opned" -> opened, "sentnced" -> sentenced); other slips are corrected when they are matched."""
        out = []
        stems = constraint_stems()
        for w in words:
            if len(w) < TYPO_MIN or w.isdigit() or stopwords(w) or stem(w, script(w, "en")) in stems:
                out.append(w)
                continue
            if not self._knows(w):
                idx = self.index("ru" if is_cyrillic(w) else "en")
                hit = self._typo(w, idx)
                if hit is not None and stem(hit[0], idx.lang) in stems:
                    w = hit[0]
            out.append(w)
        return tuple(out)

    def _knows(self, word: str) -> bool:
        """Whether the fact base has a word (in its script's index)."""
        idx = self.index("ru" if is_cyrillic(word) else "en")
        return word in idx.surfaces or stem(word, idx.lang) in idx.idf

    def index(self, lang: Lang) -> Index:
        """One language's index, built on first use (once, whichever thread asks first)."""
        got = self._indexes_built.get(lang)
        if got is None:
            with self._building:
                got = self._indexes_built.get(lang)
                if got is None:
                    got = self._indexes_built[lang] = build_index(self.facts, lang)
        return got

    @property
    def _places(self) -> list[frozenset[str]]:
        return self._where()[0]

    @property
    def _countries(self) -> list[frozenset[str]]:
        return self._where()[1]

    def _where(self) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
        """Each fact's places and their countries (fact i at i), worked out once, on the first question that
        names a place or asks where: most questions never need them, and on a big base they are a fifth of the
        start-up."""
        got = self._places_built
        if got is None:
            with self._placing:
                got = self._places_built
                if got is None:
                    terms = self._indexes_built["en"].fact_terms
                    places = [fact_places(f, terms[i]) for i, f in enumerate(self.facts)]
                    countries = [frozenset(place_country(p) for p in ps) if ps else ps for ps in places]
                    got = self._places_built = (places, countries)
        return got

    @cached_property
    def _figures(self) -> int:
        """The facts that carry figures: structured data, or a number in the answer other than a year or an
        article. Worked out on the first "how many" question: it reads every answer, about half of a 100x
        start-up."""
        return bitset([i for i, f in enumerate(self.facts) if f.data is not None or _counts(f.answer)])

    @cached_property
    def _dates(self) -> int:
        """The facts whose answer states a year or a month, worked out on the first question asking when."""
        return bitset([i for i, f in enumerate(self.facts) if _DATE.search(f.answer.casefold())])

    @cached_property
    def _money(self) -> int:
        """The facts that state a sum of money, worked out on the first question about one ("how many dollars
        …"): it reads every fact's text, a third of a 100x start-up, and few questions need it."""
        return bitset([i for i, f in enumerate(self.facts) if fact_states_amount(f)])

    def help(self, query: str = "", lang: Lang = "en") -> Answer:
        return Answer(query, "help", suggestions=EXAMPLES[lang], body=HELP[lang], lang=lang)

    def topics(self) -> list[tuple[str, tuple[Fact, ...]]]:
        """The facts grouped by paragraph (the cable header first), in the cable's order."""
        groups: dict[str, list[Fact]] = {}
        for f in sorted(self.facts, key=lambda f: (section_key(f.section), self._order[f.id])):
            groups.setdefault(f.paragraph, []).append(f)
        return [(paragraph_label(p), tuple(fs)) for p, fs in groups.items()]

    def suggestion_for(self, fact: Fact, lang: Lang = "en") -> str | None:
        """A query in `lang` that, sent as it is, answers with this fact first (an alias or the title), if any."""
        key = (fact.id, lang)
        if key not in self._suggestions:
            self._suggestions[key] = None
            text = fact_text(fact, lang)
            for phrase in (*text.aliases, text.title) if text else ():
                got = self._by_words(parse(phrase, lang), suggest=False)
                if got.facts and got.facts[0].id == fact.id:
                    self._suggestions[key] = phrase
                    break
        return self._suggestions[key]

    def score(self, text: str, lang: Lang | None = None) -> list[Scored]:
        """Every fact that shares a term with the text, best first (for tests and the benchmark)."""
        q = parse(text, lang)
        return self._rank(q, self._weigh(q), None)

    # ------------------------------------------------------------------ scoring

    def _indexes(self, q: Query) -> tuple[Index, ...]:
        """The query's own index first; a Russian query also looks up its Latin words in English (IOM, UAE),
        and a query forced to English (`ask --lang en`) its Cyrillic words in Russian. The other index only
        when a word is in its script: a word never resolves in the other script's index, and an index not
        asked for is never built (a cold `tip-bot ask` in one language builds one index)."""
        own = self.index(q.lang)
        if q.lang == "ru":
            latin = any(not is_cyrillic(w) and not w.isdigit() for w in q.words)
            return (own, self.index("en")) if latin else (own,)
        return (own, self.index("ru")) if any(map(is_cyrillic, q.words)) else (own,)

    def _weigh(self, q: Query, skip: frozenset[str] = frozenset(), drop: frozenset[str] = frozenset()) -> _Weights:
        """Each content word -> the index term it stands for (exactly, or one strict typo pass), or unknown."""
        indexes = self._indexes(q)
        own = indexes[0]
        matched: dict[tuple[Lang, str], float] = {}
        unknown: list[str] = []
        total = 0.0
        seen: set[str] = set()
        for w in q.words:
            if stopwords(w) or w.isdigit() or w in drop:
                continue
            lang: Lang = "ru" if is_cyrillic(w) else "en" if q.lang == "ru" else q.lang
            t = stem(w, lang)
            if t in seen or greeting(t):
                continue
            seen.add(t)
            # a word is looked up in the index of its own script first: "TIP" in a Russian question is English
            order = indexes if lang == own.lang or len(indexes) == 1 else indexes[::-1]
            hit = self._resolve(w, t, order)
            if hit is None and (w in skip or self._stop_slip(w, lang)):
                continue  # a place or measure no fact names (a constraint, judged by the caller), or "сколко"
            if hit is None:
                unknown.append(w)
                total += own.unknown_weight
                continue
            idx, term, quality = hit
            weight = idx.idf[term]
            total += weight
            key = (idx.lang, term)
            matched[key] = matched.get(key, 0.0) + weight * quality
        return _Weights(matched, total, tuple(unknown), own.unknown_weight)

    def _resolve(self, word: str, term: str, indexes: tuple[Index, ...]) -> tuple[Index, str, float] | None:
        for idx in indexes:
            if term in idx.idf:
                return idx, term, 1.0
            if word in idx.surfaces:
                return idx, idx.surfaces[word], 1.0
        from bot.synonyms import synonym  # here: only an unknown word needs it (cold start)

        lang: Lang = "ru" if is_cyrillic(word) else "en"
        meant = synonym(word, term, lang)  # "trustworthy" asks about what is "reliable"
        if meant is not None:
            for idx in indexes:
                if idx.lang == lang and (t := stem(SPELLING.get(meant, meant), lang)) in idx.idf:
                    return idx, t, SYNONYM_QUALITY
        if len(word) < TYPO_MIN:
            return None
        for idx in indexes:
            typo = self._typo(word, idx)
            if typo is not None:
                return idx, idx.surfaces[typo[0]], typo[1]
        for idx in indexes:  # "эксплуатируют" is about "эксплуатация": Snowball keeps a verb and its noun apart
            near = self._same_root(term, idx)
            if near is not None:
                return idx, near, ROOT_QUALITY
        for prefix in NEGATIONS if not is_cyrillic(word) else ():
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= TYPO_MIN:  # "unreliable" asks about reliability
                for idx in indexes:
                    if idx.lang == "en" and (t := stem(rest, "en")) in idx.idf:
                        return idx, t, NEGATED_QUALITY
        return None

    def _same_root(self, term: str, idx: Index) -> str | None:
        """The known term sharing the longest prefix with an unknown one, when that prefix is at least ROOT_MIN
        letters and ROOT_SHARE of the shorter of the two (so a root, not a chance beginning)."""
        if len(term) < ROOT_MIN:
            return None
        known = self._sorted_terms.get(idx.lang)
        if known is None:
            known = self._sorted_terms[idx.lang] = sorted(idx.idf)
        head = term[:ROOT_MIN]
        best, best_len = None, 0
        for k in range(bisect_left(known, head), len(known)):
            other = known[k]
            if not other.startswith(head):
                break
            common = next(
                (n for n, (a, b) in enumerate(zip(term, other, strict=False)) if a != b), min(len(term), len(other))
            )
            if common >= ROOT_SHARE * min(len(term), len(other)) and common > best_len:
                best, best_len = other, common
        return best

    def _typo(self, word: str, idx: Index) -> tuple[str, float] | None:
        """_slip, remembered: a word is looked up before the constraints and again when it is matched."""
        key = (word, idx.lang)
        got = self._typos.get(key, _UNSEEN)  # one read: another thread may clear the memory at any time
        if got is _UNSEEN:
            if len(self._typos) > TYPO_MEMORY:
                self._typos.clear()
            got = self._typos[key] = self._slip(word, idx)
        return got  # type: ignore[return-value]

    def _stop_slip(self, word: str, lang: Lang) -> bool:
        """Whether an unknown word is a slip of a stop word ("сколко", "whihc"): no topic, like the word meant."""
        if len(word) < TYPO_MIN:
            return False
        got = self._stop_slips.get(word)  # one read: another thread may clear the memory at any time
        if got is None:
            if len(self._stop_slips) > TYPO_MEMORY:
                self._stop_slips.clear()
            near = [w for w in STOPWORDS[lang] if w[0] == word[0] and abs(len(w) - len(word)) <= 1]
            got = self._stop_slips[word] = _nearest(word, near, 1) is not None
        return got

    @staticmethod
    def _slip(word: str, idx: Index) -> tuple[str, float] | None:
        """The known word one edit away (two for long words), by Damerau-Levenshtein, with a match quality."""
        edits = 2 if len(word) >= LONG_TYPO else 1
        first = word[0]  # a slip rarely hits the first letter: "parking" is not a typo of "marking"
        choices = [
            w
            for n in range(len(word) - edits, len(word) + edits + 1)
            for w in idx.by_length.get(n, ())
            if w[0] == first
        ]
        hit = _nearest(word, choices, edits)
        if hit is None:
            return None
        return hit[0], 1.0 - 0.1 * hit[1]

    def _bag(self, matched: dict[tuple[Lang, str], float], candidates: int) -> dict[int, float]:
        """The SHORTLIST facts with the most query weight in them (title/alias/keyword 1, answer ANSWER_WEIGHT).

        Facts are bits of an int per term, so the facts are split into groups by which terms they hold
        (and in which field) with a few big-int operations: what keeps a 100x fact base within milliseconds.
        """
        groups = [(candidates, 0.0)]
        for (lang, t), w in sorted(matched.items(), key=itemgetter(1), reverse=True):
            named, answer_only = self.index(lang).bits(t)
            held = named | answer_only
            split = []
            for bits, score in groups:
                if x := bits & named:
                    split.append((x, score + w))
                if x := bits & answer_only:
                    split.append((x, score + w * ANSWER_WEIGHT))
                if x := bits & ~held:
                    split.append((x, score))
            groups = split
        groups.sort(key=itemgetter(1), reverse=True)
        bag: dict[int, float] = {}
        for bits, score in groups:
            if score <= 0 or len(bag) >= SHORTLIST:
                break
            while bits and len(bag) < SHORTLIST:  # lowest bit first: the cable's order breaks ties
                low = bits & -bits
                bag[low.bit_length() - 1] = score
                bits ^= low
        return bag

    def _fact_pairs_in(self, i: int, idx: Index) -> frozenset[tuple[str, str]]:
        """Fact i's adjacent term pairs in one language (its title, aliases and answer)."""
        key = (i, idx.lang)
        got = self._fact_pairs.get(key)
        if got is None:
            text = self.facts[i].text_in(idx.lang)
            phrases = [text.title, *text.aliases, text.answer] if text else []
            got = self._fact_pairs[key] = frozenset().union(*(_pairs(terms(p, idx.lang)) for p in phrases))
        return got

    def _rank(self, q: Query, wt: _Weights, pool: int | None) -> list[Scored]:
        if not wt.matched or wt.total <= 0:
            return []
        indexes = self._indexes(q)
        candidates = indexes[0].present if pool is None else indexes[0].present & pool
        asks_where = not WHERE_WORDS.isdisjoint(q.words)
        asks_when = bool(q.words) and (q.words[0] in WHEN_STARTS or not WHEN_PAIRS.isdisjoint(pairwise(q.words)))
        bag = self._bag(wt.matched, candidates)
        pairs = _query_pairs(q.words, q.lang) if PAIR_BONUS else frozenset()
        scored = []
        per_index = []
        for idx in indexes:
            weights = {t: w for (lang, t), w in wt.matched.items() if lang == idx.lang}
            if weights:
                per_index.append((idx, weights, frozenset(weights)))
        for i, held in bag.items():
            best = 0.0
            for idx, weights, wanted in per_index:
                for phrase_terms, field, weight in idx.phrases(i):
                    common = phrase_terms & wanted
                    if common:  # how much of the query a phrase covers, nudged by how much of it the query covers
                        hit = sum(weights[t] for t in common)
                        s = field * (hit / wt.total + PRECISION_NUDGE * hit / weight)
                        if s > best:
                            best = s
            f = self.facts[i]
            s = 0.5 * held / wt.total + 0.5 * best
            if q.asks_count and self._figures >> i & 1:
                s += COUNT_BONUS
            if asks_where and self._places[i]:  # a list of places beats a passing mention of one or two
                s += PLACE_BONUS * min(len(self._countries[i]), PLACE_LIST) / PLACE_LIST
            if asks_when and self._dates >> i & 1:
                s += WHEN_BONUS
            if pairs and pairs & self._fact_pairs_in(i, indexes[0]):  # "foreign victims" as the fact says it
                s += PAIR_BONUS
            scored.append(Scored(f, s, held / wt.total))
        scored.sort(key=lambda s: (-s.score, self._order[s.fact.id]))
        return scored

    # ------------------------------------------------------------------ constraints

    def _place_pool(self, c: Constraints) -> tuple[int | None, list[str]]:
        """The facts that name a place the question names (None: no place asked), and the places none names."""
        if not c.places:
            return None, []
        pool = 0
        missing = []
        for p in c.places:
            if p not in self._place_bits:
                family = place_family(p)
                self._place_bits[p] = bitset([i for i, ps in enumerate(self._places) if ps & family])
            hit = self._place_bits[p]
            if not hit:
                missing.append(p)
            pool |= hit
        return pool, missing

    def _about_person(self, q: Query, role_words: frozenset[str]) -> int:
        """The role-holder facts whose person the question's other words are about (all when it has none)."""
        rest = [w for w in q.words if w not in role_words and not stopwords(w) and not w.isdigit()]
        if not rest:
            return self._everyone
        indexes = self._indexes(q)
        read = []  # each word as typed and as the index reads it ("comission" is the commission)
        for w in rest:
            lang = script(w, q.lang)
            hit = self._resolve(w, stem(w, lang), indexes)
            if hit is None:
                return 0  # a role or body the cable never names ("the secretary of the commission")
            read.append((frozenset({stem(w, lang), hit[1]}), lang))
        keep = 0
        for i in _bits(self._people):
            near = [(ts, self._near_person(i, lang)) for ts, lang in read]
            # any of the question's words about the fact's person, and every office it names
            if any(ts & n for ts, n in near) and all(ts & n for ts, n in near if ts & OFFICE_STEMS):
                keep |= 1 << i
        return keep

    def _counts_thing(self, i: int, counted: tuple[tuple[str, Lang], ...]) -> bool:
        """Whether fact i gives a number for what the question counts (`_counted_terms`; any figure when it
        names nothing): one counted word must stand near one of its counts and every one must be in a sentence
        that gives a count ("how many children picked cotton" is not answered by 23 minors who were trafficking
        victims); a place is judged on its own, and people are counted by case and victim figures."""
        if not self._figures >> i & 1:
            return False
        f = self.facts[i]
        if not counted or isinstance(f.data, PenaltyData):
            return True
        counts_one = False
        for term, wl in counted:
            if term in _COUNTED_ALTS or place_of(term) is not None:
                continue  # "minors" stands in for "children" (below); a place is a constraint of its own
            if term in COUNTED_PEOPLE_STEMS and (
                isinstance(f.data, (CasesData, VictimsData)) or self._counts_people(i)
            ):
                counts_one = True  # case and victim figures count people ("how many traffickers were convicted")
                continue
            got = self._count_near.get((i, wl))
            if got is None:
                text = f.text_in(wl)
                said = [text.title, text.answer] if text else []
                if isinstance(f.data, CountsData):  # "customers per day": what each of its counts counts
                    said += [f.label(t, wl) for item in f.data.items for t in (item.label, item.unit or "")]
                near, sentences = count_context(". ".join(said), wl)
                labels = frozenset(stem(t, wl) for t in normalize_words(" ".join(said[2:])))
                got = self._count_near[(i, wl)] = (near | labels, sentences | labels)
            near, sentences = got
            alt = _COUNTED_AS_STEMS.get(term)
            counts_one = counts_one or term in near or alt in near
            if term not in sentences and alt not in sentences:
                return False  # "how many children picked cotton": no count is said of cotton pickers
        return counts_one or all(t in _COUNTED_ALTS or place_of(t) is not None for t, _ in counted)

    def _counts_people(self, i: int) -> bool:
        """Whether one of fact i's counts is of people (its unit: "victims", "persons")."""
        data = self.facts[i].data
        units = [item.unit or "" for item in data.items] if isinstance(data, CountsData) else []
        return any(stem(w, "en") in COUNTED_PEOPLE_STEMS for u in units for w in normalize_words(u))

    def _counted_terms(self, words: tuple[str, ...], lang: Lang) -> tuple[tuple[str, Lang], ...]:
        """The index terms the counted words stand for (a slip or an everyday word read as the cable's; else
        the stem), each with its index language: worked out once per question, checked against many facts."""
        out = []
        for w in words:
            wl = script(w, lang)
            hit = self._resolve(w, stem(w, wl), (self.index(wl),))
            out.append((hit[1] if hit is not None else stem(w, wl), wl))
        return tuple(out)

    def _near_person(self, i: int, lang: Lang) -> frozenset[str]:
        """The stems near fact i's role-holder (its name or role word), in one language."""
        near = self._person_near.get((i, lang))
        if near is None:
            text = self.facts[i].text_in(lang)
            texts = [text.title, text.answer, *text.aliases] if text else []
            near = self._person_near[(i, lang)] = person_context(texts, lang)
        return near

    def _measure_filter(self, c: Constraints, pool: int | None) -> tuple[int | None, list[str]]:
        """Drop facts that have figures on a measure's dimension but not the measure asked ("convicted", not
        "opened"). A measure none of the facts in the pool gives is returned instead, to be named in a note;
        then the facts with figures on that dimension (what the cable does have) are kept."""
        unmet = []
        for dim, value in c.measures.items():
            base = self._everyone if pool is None else pool
            has_dim = base & self._dim_bits[dim]
            has_value = has_dim & self._value_bits[(dim, value)]
            if not has_value:
                if has_dim or dim != "case":
                    unmet.append(value)
                continue
            pool = base & ~(has_dim & ~has_value)
        return pool, unmet

    def _year_ok(self, f: Fact, years: tuple[int, ...]) -> bool:
        """A fact may answer a year question when it has that year, or no year at all (it is not a figure for
        another year); facts reported for the reporting period carry 2009 in `years` with their own caveat."""
        return not f.years or bool(set(years) & set(f.years))

    # ------------------------------------------------------------------ answers

    def _by_words(self, q: Query, candidates: int | None = None, suggest: bool = True) -> Answer:
        lang = q.lang
        c = constraints(q.words, lang)
        counted = counted_words(q.words) if q.asks_count else ()
        counts = self._counted_terms(counted, lang)
        place_pool, no_place = self._place_pool(c)
        pool = candidates
        if place_pool is not None:
            pool = place_pool if pool is None else pool & place_pool
        if c.former:  # the cable names no former holder of any role
            return self._miss(q, notes.note("former", lang), [], suggest, ("person",))
        if c.person:
            pool = self._people if pool is None else pool & self._people
        # words that named a constraint are filters; unknown to the index, they are not "unknown words".
        # A place the facts name filters and is not scored: in "trafficking statistics for Afghanistan" the
        # Afghanistan facts must answer "trafficking statistics" well on their own (PLACE_COVER).
        place_words = frozenset(w for w in q.words if place_pool and place_of(stem(w, script(w, lang))) in c.places)
        if c.person:  # likewise the role words of "who heads …": the role-holder facts must answer the rest
            place_words |= {w for w in c.constraint_words if stem(w, script(w, lang)) in PERSON_STEMS}
            pool = (self._people if pool is None else pool) & self._about_person(q, place_words)
        elif place_words and all(w in place_words for w in q.words if not stopwords(w) and not w.isdigit()):
            # the place is the whole question ("Khatlon", "Согд"): it is the topic, scored like any word
            place_words = frozenset()
        # "imposed", "actually", "реальные" say which penalties are meant, not what the question is about
        qualifiers: frozenset[str] = frozenset()
        if "penalty" in c.measures:
            qualifiers = frozenset(w for w in c.constraint_words if qualifies_penalty(stem(w, script(w, lang))))
        # what "how many" counts need not be a word of the cable: no fact counting it, the answer says so
        # ("how many beds do the shelters have": the shelters' facts, after "the cable gives no number")
        wt = self._weigh(q, c.constraint_words, place_words | qualifiers)
        if counted and counted[0] in wt.unknown and len(wt.matched) >= COUNTED_REST:
            wt = self._weigh(q, c.constraint_words | {counted[0]}, place_words | qualifiers)
        if c.contact:
            return self._miss(q, notes.note("contact", lang), [], suggest, ("contact",))
        if c.population:  # "how many people live in …", "население …": the cable counts no population
            near = [s.fact for s in self._rank(q, wt, candidates) if s.score >= SUGGEST_SCORE]
            return self._miss(q, notes.note("population", lang), near, suggest, ("population",))
        if c.amount:  # "how many dollars …": only a fact stating a sum may answer
            pool = self._money if pool is None else pool & self._money
            if not pool:  # a miss, but what the cable says on the topic is shown ("how much funding does …")
                ranked = self._rank(q, wt, candidates)
                near = [s.fact for s in ranked if s.score >= SUGGEST_SCORE]
                best = max(MIN_SCORE, ranked[0].score * ALSO_SHOWN) if ranked else MIN_SCORE
                said = [s.fact for s in ranked if s.score >= best][:MAX_FACTS]
                return self._miss(q, notes.note("amount", lang), near, suggest, ("amount",), said)
        if no_place:  # "Uzbek migrants in Russia": one place the cable lacks is enough; never another place's facts
            names = notes.listing([place_name(p, lang) for p in no_place], lang)
            near = [s.fact for s in self._rank(q, wt, candidates) if s.score >= SUGGEST_SCORE]
            return self._miss(q, notes.note("no_place", lang, places=names), near, suggest, ("place",))
        if wt.unknown and (self._unknown_share(wt) >= UNKNOWN_SHARE or _names(q.raw) & set(wt.unknown)):
            # ... or one of them is typed as a name the cable never mentions ("UNICEF report on child labour")
            words = notes.listing([f"“{w}”" for w in wt.unknown], lang)
            near = [s.fact for s in self._rank(q, wt, pool) if s.score >= SUGGEST_SCORE]
            return self._miss(q, notes.note("unknown_words", lang, words=words), near, suggest)
        topic = COMMAND_TOPICS.get(q.command or "")
        if topic:
            in_topic = self._topic_bits.get(topic, 0)
            in_topic = in_topic if pool is None else in_topic & pool
            pool = in_topic or pool
        if "penalty" in c.measures:  # "sentences imposed on convicted traffickers": the penalty is the question
            c = replace(c, measures={k: v for k, v in c.measures.items() if k != "case"})
        before_measures = pool
        pool, unmet_measures = self._measure_filter(c, pool)
        ranked = self._rank(q, wt, pool)
        dims = {d for d, v in c.measures.items() if v in unmet_measures}
        if dims and candidates is not None and ranked:
            # within an article ("приговоры по статье 167"), its facts on the measure's dimension answer even
            # when they share no word with the question: they are what the cable has on it
            held = {s.fact.id for s in ranked}
            for i in _bits(pool if pool is not None else candidates):
                if self.facts[i].id not in held and dims & set(self._measures[i]):
                    ranked.append(Scored(self.facts[i], max(MIN_SCORE, ranked[0].score), 1.0))
        if dims and (q.asks_count or q.command or "penalty" in dims):  # what the cable has on it comes first
            ranked.sort(key=lambda s: not dims & set(self._measures[self._pos(s.fact)]))
        min_cover = PLACE_COVER if place_words or c.person else MIN_COVER
        if pool is None and not wt.unknown and len(wt.matched) == 1 and ranked:
            # a question of one word (no place or other filter) that the best fact only mentions in passing is not
            # about it: "times" in "what's 17 times 23" ("committed multiple times")
            ((one_lang, one),) = wt.matched
            named, _ = self.index(one_lang).bits(one)
            if not named >> self._pos(ranked[0].fact) & 1:
                ranked = []
        if not ranked or ranked[0].score < MIN_SCORE or ranked[0].cover < min_cover:
            near = [s.fact for s in ranked if s.score >= SUGGEST_SCORE]
            if c.person:
                return self._miss(q, notes.note("person", lang), near, suggest, ("person",))
            if place_pool:
                names = notes.listing([place_name(p, lang) for p in c.places], lang)
                return self._miss(q, notes.note("place_nothing", lang, places=names), near, suggest, ("place",))
            return self._miss(q, notes.note("miss", lang), near, suggest)
        case = c.measures.get("case")
        if case and q.asks_count and not any("case" in self._measures[self._pos(s.fact)] for s in ranked):
            near = [s.fact for s in ranked if s.score >= SUGGEST_SCORE]  # "how many did the UAE prosecute"
            text = notes.note("no_figures", lang, measure=notes.measure(case, lang))
            return self._miss(q, text, near, suggest, (f"measure:{case}",))
        note_parts: list[str] = []
        unmet: list[str] = []
        timeless = "penalty" in c.measures and all(y in self.years for y in q.years)  # the Code's penalties
        if q.years and not timeless:
            known = [y for y in q.years if y in self.years]
            if not known:
                return self._year_miss(q, c, ranked, suggest)
            if len(known) < len(q.years):
                missing = ", ".join(str(y) for y in q.years if y not in known)
                note_parts.append(notes.note("no_year", lang, years=missing, known=self._year_span))
                unmet.append("year")
            dated = [s for s in ranked if set(known) & set(s.fact.years)]
            # the shortlist keeps the facts holding most of the query's weight: for a common word ("victims",
            # "жертв") it can fill up before the facts of the year asked for; rank those facts on their own too
            year_pool = 0
            for y in known:
                year_pool |= self._year_bits.get(y, 0)
            if pool is not None:
                year_pool &= pool
            seen = {s.fact.id for s in dated}
            dated += [s for s in self._rank(q, wt, year_pool) if s.fact.id not in seen] if year_pool else []
            dated.sort(key=lambda s: (-s.score, self._pos(s.fact)))
            undated = [s for s in ranked if not s.fact.years and s.fact.data is None]
            wants_figures = bool(q.command or q.asks_count or c.measures)
            if q.asks_count:  # "how many … in 2010": that year's facts that give a number for it
                counting = [s for s in dated if self._counts_thing(self._pos(s.fact), counts)]
                if dated and not counting and not any(self._counts_thing(self._pos(s.fact), counts) for s in ranked):
                    counting = dated  # no year's: that year's facts, after "the cable gives no number for that"
                dated = counting
            undated_far_better = (
                bool(dated and undated)
                and not wants_figures
                and max(known) <= self._last_year
                and dated[0].score < undated[0].score * UNDATED_SHARE
            )
            if dated and dated[0].score >= MIN_SCORE and not undated_far_better:
                ranked = sorted(
                    dated, key=lambda s: (-s.score - YEAR_BONUS * self._dated(s.fact, known), self._pos(s.fact))
                )
            elif undated and undated[0].score >= MIN_SCORE and not wants_figures and max(known) <= self._last_year:
                ranked = undated
                note_parts.append(notes.note("undated", lang))
            elif case and (other := self._other_measures(q, c, before_measures, known)):
                # "prosecutions in 2008": the cable counts something else that year; say so, show that
                ranked = other
                have = sorted(
                    {
                        y
                        for i, r, fy in self._case_rows
                        if r.measure == case
                        for y in (fy if r.year is None else (r.year,))
                    }
                )
                note_parts.append(
                    notes.note(
                        "no_year_measure",
                        lang,
                        measure=notes.measure(case, lang),
                        years=", ".join(map(str, known)),
                        have=", ".join(map(str, have)) or "—",
                    )
                )
                unmet.append(f"measure:{case}")
            else:
                return self._year_miss(q, c, ranked, suggest)
        if not c.places and not PLACE_LIST_WORDS.isdisjoint(q.words):
            # "destination countries", "where are victims taken": of the facts good enough to be shown, those
            # that name the places come first (the countries, not the sentence that Tajikistan is a source)
            good = ranked[0].score * SAME_TOPIC_SHOWN
            ranked.sort(key=lambda s: not (s.score >= max(MIN_SCORE, good) and self._places[self._pos(s.fact)]))
        if topic and q.command:  # command form: facts that carry the command's figures ("victims 2009") first
            kind = COMMAND_DATA[q.command]
            ranked.sort(key=lambda s: s.fact.data is None or s.fact.data.kind != kind)
        # a number answers "how many", a percentage "what percentage" ("a significant percentage" is none): the best
        # fact that gives one, if about as good as the best; else the answer says first that the cable gives none
        # ("how many NGOs are in Tajikistan": the NGO Imran's fact) and is a miss (exit 1) showing what it has
        needs: list[tuple[Callable[[Scored], bool], str]] = []
        if q.asks_count:
            needs.append((lambda s: self._counts_thing(self._pos(s.fact), counts), "no_count_says"))
        if _PERCENT_ASKED.search(q.raw):
            needs.append((lambda s: bool(_PERCENT_GIVEN.search(s.fact.answer)), "no_percent_says"))
        for gives, none_note in needs:
            if gives(ranked[0]):
                continue
            bar = ranked[0].score * ALSO_SHOWN
            found = next((s for s in ranked if s.score >= bar and gives(s)), None)
            if found is None:
                note_parts.append(notes.note(none_note, lang))
                unmet.append("count")
            else:
                ranked = [found, *(s for s in ranked if s is not found)]
        if asks_year(q.words) and not (ranked[0].fact.years or _YEAR_GIVEN.search(ranked[0].fact.answer)):
            note_parts.append(notes.note("no_year_says", lang))  # "in what year did Rahmon give the address"
            unmet.append("when")
        if q.asks_count and (asked := periods_in(q.raw)):
            # "how many liters of petrol a week": the cable gives it a month; say so before the figure
            wording = ranked[0].fact.text_in(lang)
            given = periods_in(f"{wording.title} {wording.answer}") if wording else set()
            if given and not given & asked:
                period = PERIOD_NAMES[lang]
                note_parts.append(notes.note("other_period", lang, have=period[min(given)], asked=period[min(asked)]))
                unmet.append("measure:period")
        best = ranked[0].score
        shown = [ranked[0]]

        # after the facts as good as the best, its topic's facts come first: the other parts of the same question
        def slot(s: Scored) -> int:
            return 0 if s.score >= best * ALSO_SHOWN else 1 if s.fact.topic == ranked[0].fact.topic else 2

        for s in sorted(ranked[1:], key=slot):
            if len(shown) == MAX_FACTS:
                break
            same_topic = s.fact.topic == ranked[0].fact.topic
            floor = SAME_TOPIC_FLOOR if same_topic else MIN_SCORE  # the best already answers: its topic's other facts
            if s.score >= max(floor, best * (SAME_TOPIC_SHOWN if same_topic else ALSO_SHOWN)):
                shown.append(s)
        facts = [s.fact for s in shown]
        for value in unmet_measures:
            lacking = self._measure_note(value, facts, lang)
            if lacking:
                note_parts.append(lacking)
                unmet.append(f"measure:{value}")
        figures = None if c.places else self._figures_note(q, c, facts)
        if figures is not None:
            text, owners, comparable = figures
            note_parts.append(text)
            if not comparable:
                unmet.append("comparison")
            facts = list({f.id: f for f in [*owners, *facts]}.values())[:MAX_FACTS]
        return Answer(
            q.raw,
            "miss" if "count" in unmet or "when" in unmet else "facts",
            tuple(facts),
            note=" ".join(note_parts),
            year=q.years[0] if q.years else None,
            lang=lang,
            unmet=tuple(unmet),
        )

    def _measure_note(self, value: str, facts: list[Fact], lang: Lang) -> str | None:
        """The note for a measure the answer's facts do not give ("convicted" when they count cases opened),
        naming what they do give; None when the first fact is not about that measure's figures at all
        ("training to identify victims")."""
        if not any(value in MEASURE_VALUES[d] for d in self._measures[self._pos(facts[0])]):
            return None
        key = value if value in ("imposed", "identified") else "measure_missing"
        given = sorted(
            {notes.measure(v, lang) for f in facts for m in self._measures[self._pos(f)].values() for v in m}
        )
        return notes.note(key, lang, wanted=notes.measure(value, lang), have=notes.listing(given, lang))

    def _other_measures(self, q: Query, c: Constraints, pool: int | None, years: list[int]) -> list[Scored]:
        """Facts with case figures for the years, whatever they count (for a measure the cable lacks that year);
        scored without the measure's own words, which they do not hold by definition."""
        measure_words = frozenset(w for w in c.constraint_words if stem(w, script(w, q.lang)) in MEASURE_STEMS)
        wt = self._weigh(q, c.constraint_words, measure_words)
        counted = self._dim_bits["case"]
        for y in years:
            counted &= self._year_bits.get(y, 0)
        dated = [
            s
            for s in self._rank(q, wt, counted if pool is None else pool & counted)
            if set(years) & set(s.fact.years) and "case" in self._measures[self._pos(s.fact)]
        ]
        return dated if dated and dated[0].score >= SUGGEST_SCORE else []

    def _pos(self, f: Fact) -> int:
        return self._order[f.id]

    def _dated(self, f: Fact, years: list[int]) -> bool:
        """Whether a fact's own figures carry one of the years (not only the reporting period's)."""
        if isinstance(f.data, CasesData):
            return any(r.year in years for r in f.data.rows)
        return True

    @staticmethod
    def _unknown_share(wt: _Weights) -> float:
        """The share of the query's weight in words no index knows, each weighing UNKNOWN_GATE x the rarest."""
        unknown = len(wt.unknown) * wt.unknown_weight * UNKNOWN_GATE / UNKNOWN_WEIGHT
        known = wt.total - len(wt.unknown) * wt.unknown_weight
        return round(unknown / (unknown + known), 6) if unknown + known > 0 else 1.0

    def _year_miss(self, q: Query, c: Constraints, ranked: list[Scored], suggest: bool) -> Answer:
        """A miss naming the years the cable has on the topic, and showing (after that note) its facts for them:
        "cases opened in 2007" is not answered, but what the cable counts in 2008 and 2009 is there to read."""
        lang = q.lang
        asked = ", ".join(map(str, q.years))
        measure = c.measures.get("case")
        near = [s.fact for s in ranked if s.score >= SUGGEST_SCORE]
        dated = [s for s in ranked if s.score >= MIN_SCORE and s.fact.years]
        other_years = [s.fact for s in dated if s.score >= dated[0].score * ALSO_SHOWN][:MAX_FACTS]
        if measure:
            have = sorted(
                {
                    y
                    for s in ranked
                    for y in s.fact.years
                    if measure in self._measures[self._order[s.fact.id]].get("case", ())
                }
            )
            if have:
                text = notes.note(
                    "no_year_measure",
                    lang,
                    measure=notes.measure(measure, lang),
                    years=asked,
                    have=", ".join(map(str, have)),
                )
                return self._miss(q, text, near, suggest, ("year",), other_years)
        if all(y in self.years for y in q.years):  # the cable has the year, not this topic in it
            have = sorted({y for f in near for y in f.years} - set(q.years))
            if have:
                text = notes.note("no_year_topic", lang, years=asked, have=", ".join(map(str, have)))
            else:
                text = notes.note("no_year_topic_none", lang, years=asked)
            return self._miss(q, text, near, suggest, ("year",), other_years)
        known = self._year_span
        return self._miss(
            q, notes.note("no_year", lang, years=asked, known=known), near, suggest, ("year",), other_years
        )

    @cached_property
    def _year_span(self) -> str:
        """The years the cable gives figures for (facts with data), as a short list (once: a scan of the base)."""
        years = sorted({y for f in self.facts if f.data is not None for y in f.years} or set(self.years))
        return ", ".join(map(str, years))

    # ------------------------------------------------------------------ comparisons and sums

    @cached_property
    def _case_rows(self) -> list[tuple[int, CaseRow, tuple[int, ...]]]:
        """Every case-count row in the base: (fact position, row, the fact's years for rows without one)."""
        out = []
        for i, f in enumerate(self.facts):
            if isinstance(f.data, CasesData):
                for r in f.data.rows:
                    out.append((i, r, tuple(f.years)))
        return out

    def _figures_note(self, q: Query, c: Constraints, facts: list[Fact]) -> tuple[str, list[Fact], bool] | None:
        """A side-by-side note for a comparison of years, or a labelled sum for a total; None otherwise.

        Returns (note, the facts whose figures it quotes, whether the figures are comparable)."""
        if not any(isinstance(f.data, CasesData) for f in facts) and "case" not in c.measures:
            return None
        measure = c.measures.get("case")
        rows = self._case_rows
        wanted = {a.number for a in q.articles}
        if wanted:  # "prosecuted under 132": only that article's rows
            rows = [(i, r, fy) for i, r, fy in rows if r.article in wanted]
        # years side by side: two years named, or a comparison with none ("cases 2008 vs 2009", "did cases go up");
        # "prosecutions vs convictions in 2009" compares measures within one year, not years
        if (len(q.years) >= 2 or (c.compare and not q.years)) and rows:
            return self._compare(q, measure, rows)
        if measure and (c.total or q.asks_count):
            return self._sum(q, measure, rows)
        return None

    def _compare(
        self, q: Query, measure: str | None, rows: list[tuple[int, CaseRow, tuple[int, ...]]]
    ) -> tuple[str, list[Fact], bool] | None:
        """Each year's counts side by side, naming what is counted; not comparable when the years count different
        things (or a figure has only the reporting period for a year)."""
        lang = q.lang
        years = q.years if len(q.years) >= 2 else tuple(sorted({r.year for _, r, _ in rows if r.year}))
        if len(years) < 2:
            return None

        def of_year(y: int) -> list[tuple[int, CaseRow]]:
            dated = [(i, r) for i, r, _ in rows if r.year == y]
            undated = [(i, r) for i, r, fy in rows if r.year is None and y in fy]
            return dated + undated

        per_year = {y: of_year(y) for y in years}
        measures: set[str]
        if measure is None:  # "cases 2008 vs 2009": compare what every year counts, if anything
            counts: list[set[str]] = [{r.measure for _, r in v} for v in per_year.values()]
            common = set.intersection(*counts)
            measures = common or {r.measure for v in per_year.values() for _, r in v}
        else:
            measures = {measure}
        parts, owners, counted = [], [], []
        for y, year_rows in per_year.items():
            use = [(i, r) for i, r in year_rows if r.measure in measures]
            dated = [(i, r) for i, r in use if r.year == y]
            use = [(i, r) for i, r in use if r.year == y or not {x.measure for _, x in dated} & {r.measure}]
            if not use:  # the year has none of it: say what it does count
                use = year_rows
            counted.append((frozenset(r.measure for _, r in use), any(r.year is None for _, r in use)))
            owners += [self.facts[i] for i, _ in use]
            label = f"{y}" + (f" ({notes.NO_YEAR[lang]})" if any(r.year is None for _, r in use) else "")
            body = "; ".join(notes.row(r.count, r.unit, r.measure, r.article, lang) for _, r in use) or "—"
            parts.append(f"{label}: {body}")
        kinds = {m for m, _ in counted}
        comparable = len(kinds) == 1 and not any(undated for _, undated in counted)
        if measure is not None:
            comparable = comparable and all(measure in m for m, _ in counted)
        key = "compare" if comparable else "compare_different"
        return notes.note(key, lang, rows=" | ".join(parts)), list({f.id: f for f in owners}.values()), comparable

    def _sum(
        self, q: Query, measure: str, rows: list[tuple[int, CaseRow, tuple[int, ...]]]
    ) -> tuple[str, list[Fact], bool] | None:
        """The per-article counts of one measure added up, labelled as our sum (the cable states no total)."""
        lang = q.lang

        def in_years(r: CaseRow, fy: tuple[int, ...]) -> bool:
            return not q.years or r.year in q.years or (r.year is None and bool(set(q.years) & set(fy)))

        chosen = [(i, r) for i, r, fy in rows if r.measure == measure and r.article and in_years(r, fy)]
        stated = [r for _, r, fy in rows if r.measure == measure and not r.article and in_years(r, fy)]
        units = {r.unit for _, r in chosen}
        if len(chosen) < 2 or len(units) != 1 or stated:
            return None
        chosen.sort(key=lambda ir: -ir[1].count)
        parts = " + ".join(f"{r.count} {notes.UNDER[lang]} {notes.ARTICLE_SHORT[lang]} {r.article}" for _, r in chosen)
        total = sum(r.count for _, r in chosen)
        text = notes.note("sum", lang, parts=parts, total=total, unit=notes.unit(units.pop(), lang))
        return text, [self.facts[i] for i, _ in chosen], True

    # ------------------------------------------------------------------ articles and other lookups

    def _articles(self, q: Query) -> list[str]:
        """Article numbers meant as articles: explicit ones, known ones, or any number in command form."""
        bare_ok = q.command in ("penalties", "article") or not q.words
        return [a.number for a in q.articles if a.explicit or a.number in self.articles or bare_ok]

    def _by_articles(self, q: Query, articles: list[str]) -> Answer:
        unknown = [a for a in articles if a not in self.articles]
        if unknown:
            return self._article_miss(q, unknown[0])
        wanted = set(articles)
        pool = set().union(*(self._by_article[a] for a in wanted))
        content = [w for w in q.words if w not in ARTICLE_TERMS]
        if q.command in ("penalties", "article") or all(stopwords(w) for w in content):
            return self._article_lookup(q, pool, wanted)
        sub = Query(q.raw, tuple(content), q.command, q.articles, q.years, q.asks_count, q.lang)
        got = self._by_words(sub, bitset(sorted(pool)), suggest=False)
        if got.matched and asks_penalty(sub.words, q.lang):  # "art. 132 penalty": each article's own penalty first
            own = [
                f
                for a in articles
                for f in (self.facts[i] for i in sorted(pool))
                if isinstance(f.data, PenaltyData) and f.data.article == a
            ]
            facts = list({f.id: f for f in [*own, *got.facts]}.values())[:MAX_FACTS]
            return replace(got, facts=tuple(facts))
        if got.matched or got.unmet:  # a miss that names a constraint (a year, a place) stands: no article lookup
            return got
        return self._article_lookup(q, pool, wanted)

    def _article_lookup(self, q: Query, pool: set[int], wanted: set[str]) -> Answer:
        facts = [self.facts[i] for i in pool]
        if q.command == "penalties":
            facts = [f for f in facts if f.topic == "penalties"] or facts
        if q.years:
            facts = [f for f in facts if self._year_ok(f, q.years)] or facts

        def own(f: Fact) -> bool:
            return f.data is not None and getattr(f.data, "article", None) in wanted

        facts.sort(key=lambda f: (not own(f), len(f.articles), self._order[f.id]))
        if q.command == "penalties":
            facts = [f for f in facts if own(f)] or facts
        # "сколько осуждённых по ст. 130.1", "sentences imposed under 167": the measure asked decides what comes
        # first (the article's figures on it), and what the cable lacks on it is named
        notes_, unmet = [], []
        for dim, value in constraints(q.words, q.lang).measures.items():
            on_dim = [f for f in facts if dim in self._measures[self._pos(f)]]
            if not on_dim:
                continue
            facts = on_dim + [f for f in facts if f not in on_dim]
            if not any(value in self._measures[self._pos(f)][dim] for f in on_dim):
                missing = self._measure_note(value, facts[:MAX_FACTS], q.lang)
                if missing:
                    notes_.append(missing)
                    unmet.append(f"measure:{value}")
        year = q.years[0] if q.years else None
        return Answer(
            q.raw, "facts", tuple(facts[:MAX_FACTS]), note=" ".join(notes_), year=year, lang=q.lang, unmet=tuple(unmet)
        )

    def _article_miss(self, q: Query, article: str | None) -> Answer:
        known = ", ".join(self.articles)
        word = "penalties" if q.command == "penalties" else "article"
        if q.lang == "ru":
            word = "наказания" if q.command == "penalties" else "статья"
        if article is None:
            note = notes.note("which_article", q.lang, known=known)
            near = list(self.articles[:MAX_SUGGESTIONS])
        else:
            note = notes.note("no_article", q.lang, article=article, known=known)
            target = float(article)
            near = sorted(self.articles, key=lambda a: (abs(float(a) - target), float(a)))[:MAX_SUGGESTIONS]
        suggestions = tuple(f"{word} {a}" for a in near)
        return Answer(q.raw, "miss", note=note, suggestions=suggestions, lang=q.lang, unmet=("article",))

    def _about(self, q: Query) -> Answer:
        chosen = [self.kb.by_id[i] for i in ABOUT_IDS if i in self.kb.by_id]
        chosen = chosen or [self.facts[i] for i in sorted(self._by_topic.get("about", ()))]  # no scan of the base
        return Answer(q.raw, "facts", tuple(chosen[:MAX_FACTS]), lang=q.lang)

    def _miss(
        self,
        q: Query,
        note: str,
        near: list[Fact],
        suggest: bool = True,
        unmet: tuple[str, ...] = (),
        shown: list[Fact] | None = None,
    ) -> Answer:
        """A miss: the note says what the cable lacks; `shown`, what it has on the topic instead (after the note)."""
        suggestions: list[str] = []
        for f in near if suggest else ():
            s = self.suggestion_for(f, q.lang)
            if s and s not in suggestions:
                suggestions.append(s)
            if len(suggestions) == MAX_SUGGESTIONS:
                break
        facts = tuple(shown or ())
        return Answer(q.raw, "miss", facts, note=note, suggestions=tuple(suggestions), lang=q.lang, unmet=unmet)

    def _article_order(self, f: Fact) -> tuple[tuple[int, ...], int]:
        a = f.data.article if isinstance(f.data, PenaltyData) else None
        return (_article_key(a) if a else (10_000,), self._order[f.id])

    @cached_property
    def penalty_table(self) -> tuple[Fact, ...]:
        """Every fact on the penalties topic, by article number (130, 130.1, 132, …)."""
        return tuple(sorted((self.facts[i] for i in self._by_topic.get("penalties", ())), key=self._article_order))


__all__ = ["AnswerCore", "ArticleRef", "Scored", "stem", "terms"]
