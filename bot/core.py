"""The answer core: one query in, one Answer out. Pure, no Slack; the index is built once.

Matching, in order: the parser (bot.query) takes out command words, article numbers and years; article
numbers filter facts exactly; then the words are scored against an index built at start-up from each
fact's title, aliases and keywords (and, at ANSWER_WEIGHT, its answer text). Words the index does not
know go through one rapidfuzz pass over its vocabulary (typos: "sheltres", "kidnaping"). A fact's score
is the share of the query's IDF weight it holds, blended with how much of the query its single best
phrase (title, one alias, the keywords) covers; below MIN_SCORE the query is a miss, with "did you mean"
suggestions instead of a confident wrong answer. The constants are tuned on tests/eval/questions.yml.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import itemgetter

from bot.answer import Answer
from bot.facts import Fact
from bot.knowledge import KnowledgeBase, section_key
from bot.query import SPELLING, ArticleRef, Query, normalize_words, parse
from bot.texts.commands import EXAMPLES, HELP
from bot.texts.paragraphs import paragraph_label

# Tuned on tests/eval (see tests/test_eval.py); change only with the evaluation set, never for one query.
MIN_SCORE = 0.36  # the score a fact needs to be an answer (plateau 0.34-0.38 on the evaluation set)
ALSO_SHOWN = 0.85  # further facts are shown when they score at least this share of the best
FUZZY_CUTOFF = 82  # rapidfuzz ratio for an unknown word to count as a typo of a known one
SUGGEST_SCORE = 0.25  # a miss suggests facts that score at least this ("did you mean")
ANSWER_WEIGHT = 0.7  # a word found only in a fact's answer text (not its title, aliases, keywords)
PRECISION_NUDGE = 0.1  # of two phrases covering the query alike, the one the query covers more wins
COUNT_BONUS = 0.1  # "how many …" prefers facts that carry figures
UNKNOWN_WEIGHT = 2.0  # a word no fact knows weighs double the rarest known word, so off-topic queries miss
SHORTLIST = 20  # facts (most query weight) whose phrases are scored in full; eval accuracy is flat from 15 up
MAX_FACTS = 3
MAX_SUGGESTIONS = 3

# Words that carry no topic: question words, auxiliaries, politeness, the cable's own name.
STOPWORDS = frozenset(
    """a an the and or of to in on at for by with from into about as is are was were be been being do does did
    done has have had having it its this that these those there here what which who whom whose when where why
    how many much any some all me my i we our you your us they them their he she his her can could would should
    will shall may might must tell show give list say said says please know find get got let want need does
    than then so if not no yes also just only very more most other such per via vs etc thing things kind one
    getting located location exist exists available currently actually exactly time go going went anyone
    someone anybody somebody anything something
    cable report document dushanbe""".split()  # noqa: SIM905
)
COMMAND_TOPICS = {"penalties": "penalties", "shelters": "shelters", "victims": "victims", "cases": "statistics"}
COMMAND_DATA = {"penalties": "penalty", "shelters": "shelters", "victims": "victims", "cases": "cases"}
ABOUT_IDS = ("cable-identity", "cable-date", "cable-subject")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix fold so that shelter/shelters, penalty/penalties, trafficked/trafficking meet."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4 and not word.endswith("eed"):
        return word[:-2]
    if word.endswith("al") and len(word) > 6:
        return word[:-2]
    return word


def terms(text: str) -> list[str]:
    """The index terms of a text: normalised, stop words out, stemmed, in order, no repeats."""
    return list(dict.fromkeys(stem(w) for w in normalize_words(text) if w not in STOPWORDS))


def bitset(indices) -> int:
    """An int with the given bits set, built in one pass (shifting big ints one by one is quadratic)."""
    indices = list(indices)
    if not indices:
        return 0
    buf = bytearray(max(indices) // 8 + 1)
    for i in indices:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float


class AnswerCore:
    """Build once per knowledge base (tens of ms); ask() is pure and well under a millisecond."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.facts: tuple[Fact, ...] = kb.facts
        self._order = {f.id: i for i, f in enumerate(self.facts)}
        # Phrases: each title and alias, the keywords as one phrase (weight 1), the answer (ANSWER_WEIGHT).
        self._phrase_fact: list[int] = []
        self._phrase_terms: list[frozenset[str]] = []
        self._phrase_field: list[float] = []
        fact_terms: list[dict[str, float]] = []
        surfaces: dict[str, str] = {}  # surface word -> its term, for the typo pass
        for i, f in enumerate(self.facts):
            bag: dict[str, float] = {}
            named = [(text, 1.0) for text in (f.title, *f.aliases, " ".join(f.keywords))]
            for text, field in [*named, (f.answer, ANSWER_WEIGHT)]:
                words = [w for w in normalize_words(text) if w not in STOPWORDS]
                t = frozenset(map(stem, words))
                if not t:
                    continue
                self._phrase_fact.append(i)
                self._phrase_terms.append(t)
                self._phrase_field.append(field)
                for term in t:
                    if bag.get(term, 0.0) < field:
                        bag[term] = field
                for w in words:
                    if w not in surfaces and not w.isdigit():
                        surfaces[w] = stem(w)
            fact_terms.append(bag)
        n = len(self.facts)
        df: dict[str, int] = defaultdict(int)
        for bag in fact_terms:
            for t in bag:
                df[t] += 1
        self._idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self._unknown_weight = UNKNOWN_WEIGHT * math.log(1 + n)  # a word no fact knows: like the rarest
        term_facts: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, bag in enumerate(fact_terms):
            for t, field in bag.items():
                term_facts[t].append((i, field))
        self._bits: dict[str, tuple[int, int]] = {}  # term -> (facts naming it, facts with it in the answer only)
        for t, v in term_facts.items():
            named = bitset(i for i, field in v if field == 1.0)
            self._bits[t] = (named, bitset(i for i, _ in v) & ~named)
        self._all_bits = (1 << n) - 1
        term_phrases: list[dict[str, list[int]]] = [{} for _ in self.facts]  # per fact: term -> its phrases
        for p, i in enumerate(self._phrase_fact):
            for t in self._phrase_terms[p]:
                term_phrases[i].setdefault(t, []).append(p)
        self._term_phrases = [{t: tuple(ps) for t, ps in d.items()} for d in term_phrases]
        self._by_topic: dict[str, set[int]] = defaultdict(set)
        self._by_article_index: dict[str, set[int]] = defaultdict(set)
        for i, f in enumerate(self.facts):
            self._by_topic[f.topic].add(i)
            for a in f.articles:
                self._by_article_index[a].add(i)
        self._phrase_weight = [sum(self._idf[t] for t in ts) for ts in self._phrase_terms]
        for typed, meant in SPELLING.items():  # "punishmnt" is a typo of "punishment", folded to "penalty"
            if stem(meant) in self._idf:
                surfaces.setdefault(typed, stem(meant))
        self._surfaces = surfaces
        self._surface_list = list(surfaces)
        self._length_buckets: dict[int, list[str]] = {}
        self.articles: tuple[str, ...] = tuple(
            sorted({a for f in self.facts for a in f.articles}, key=lambda a: tuple(map(int, a.split("."))))
        )
        self.years: tuple[int, ...] = tuple(sorted({y for f in self.facts for y in f.years}))
        self._suggestion_cache: dict[str, str | None] = {}

    # ------------------------------------------------------------------ public

    def ask(self, text: str) -> Answer:
        q = parse(text if isinstance(text, str) else str(text))
        if q.empty or q.command == "help":
            return self.help(q.raw)
        if q.command == "topics" and not q.articles and not q.years:
            return Answer(q.raw, "topics", groups=tuple(self.topics()))
        if q.command == "about" and not q.articles and not q.years:
            return self._about(q)
        articles = self._articles(q)
        if articles:
            return self._by_article(q, articles)
        if q.command == "penalties" and not q.years and self.penalty_table:
            return Answer(q.raw, "table", self.penalty_table, note="Criminal Code penalties, as the cable gives them:")
        if q.command == "article":
            return self._article_miss(q, None)
        return self._by_words(q)

    def help(self, query: str = "") -> Answer:
        return Answer(query, "help", suggestions=EXAMPLES, note=HELP)

    @property
    def help_text(self) -> str:
        return HELP

    def topics(self) -> list[tuple[str, tuple[Fact, ...]]]:
        """The facts grouped by paragraph (the cable header first), in the cable's order."""
        groups: dict[str, list[Fact]] = {}
        for f in sorted(self.facts, key=lambda f: (section_key(f.section), self._order[f.id])):
            groups.setdefault(f.paragraph, []).append(f)
        return [(paragraph_label(p), tuple(fs)) for p, fs in groups.items()]

    def suggestion_for(self, fact: Fact) -> str | None:
        """A query that, sent as it is, answers with this fact first (an alias or the title), if any."""
        if fact.id not in self._suggestion_cache:
            self._suggestion_cache[fact.id] = None
            for phrase in (*fact.aliases, fact.title):
                got = self._by_words(parse(phrase), suggest=False)
                if got.facts and got.facts[0].id == fact.id:
                    self._suggestion_cache[fact.id] = phrase
                    break
        return self._suggestion_cache[fact.id]

    # ------------------------------------------------------------------ scoring

    def score(self, text: str) -> list[Scored]:
        """Every fact that shares a term with the text, best first (for tests and the benchmark)."""
        q = parse(text)
        return self._rank(q, None)

    def _weights(self, words) -> dict[str, tuple[str | None, float]]:
        """Each query term -> (index term it stands for or None, match quality); one typo pass for the rest."""
        out: dict[str, tuple[str | None, float]] = {}
        unknown: list[str] = []
        for w in words:
            if w in STOPWORDS:
                continue
            t = stem(w)
            if t in out:
                continue
            if t in self._idf:
                out[t] = (t, 1.0)
            elif w in self._surfaces:
                out[t] = (self._surfaces[w], 1.0)
            elif not w.isdigit():
                out[t] = (None, 0.0)
                if len(w) >= 4:
                    unknown.append(w)
        if unknown:  # imported here: most queries never need it, and `tip-bot ask` starts faster without it
            from rapidfuzz import fuzz, process
        for w in unknown:
            choices = self._similar_length(len(w))
            hit = process.extractOne(w, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if hit:
                out[stem(w)] = (self._surfaces[hit[0]], hit[1] / 100)
        return out

    def _similar_length(self, n: int) -> list[str]:
        """Known words long enough and short enough to reach FUZZY_CUTOFF against an n-letter word."""
        if n not in self._length_buckets:
            k = 200 / FUZZY_CUTOFF - 1  # ratio = 2*common/(a+b) <= 2*min/(a+b): lengths differ by at most k times
            lo, hi = n / k, n * k
            self._length_buckets[n] = [w for w in self._surface_list if lo <= len(w) <= hi]
        return self._length_buckets[n]

    def _bag(self, matched: dict[str, float], candidates: set[int] | None) -> dict[int, float]:
        """The SHORTLIST facts with the most query weight in them (title/alias/keyword 1, answer ANSWER_WEIGHT).

        Facts are bits of an int per term, so the facts are split into groups by which terms they hold
        (and in which field) with a few big-int operations instead of a loop over every fact that holds
        a common word like "trafficking": what keeps a 100x fact base within a few milliseconds.
        """
        everyone = self._all_bits if candidates is None else bitset(candidates)
        groups = [(everyone, 0.0)]
        for t, w in sorted(matched.items(), key=itemgetter(1), reverse=True):
            named, answer_only = self._bits[t]
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

    def _rank(self, q: Query, candidates: set[int] | None) -> list[Scored]:
        weights = self._weights((*q.words, *map(str, q.years)))
        total = 0.0
        matched: dict[str, float] = {}
        for target, quality in weights.values():
            if target is None:
                total += self._unknown_weight
                continue
            w = self._idf[target]
            total += w
            matched[target] = matched.get(target, 0.0) + w * quality
        if not matched or total <= 0:
            return []
        shortlist = bag = self._bag(matched, candidates)
        pairs = list(matched.items())
        best_phrase: dict[int, float] = {}
        field, weight = self._phrase_field, self._phrase_weight
        for i in shortlist:
            hits: dict[int, float] = {}
            where = self._term_phrases[i]
            for t, w in pairs:
                for p in where.get(t, ()):
                    hits[p] = hits.get(p, 0.0) + w
            # how much of the query a phrase covers, nudged by how much of the phrase the query covers
            best_phrase[i] = max(
                (field[p] * (hit / total + PRECISION_NUDGE * hit / weight[p]) for p, hit in hits.items()), default=0.0
            )
        scored = []
        for i in shortlist:
            b = bag[i]
            f = self.facts[i]
            s = 0.5 * b / total + 0.5 * best_phrase[i]
            if q.asks_count and f.data is not None:
                s += COUNT_BONUS
            scored.append(Scored(f, s))
        scored.sort(key=lambda s: (-s.score, self._order[s.fact.id]))
        return scored

    # ------------------------------------------------------------------ answers

    def _by_words(self, q: Query, candidates=None, suggest: bool = True) -> Answer:
        pool = candidates  # None: every fact
        topic = COMMAND_TOPICS.get(q.command or "")
        if topic:
            in_topic = self._by_topic.get(topic, set())
            in_topic = in_topic if pool is None else in_topic & pool
            pool = in_topic or pool
        ranked = self._rank(q, pool)
        if topic:  # command form: facts that carry the command's figures ("victims 2009") come first
            kind = COMMAND_DATA[q.command]
            ranked.sort(key=lambda s: s.fact.data is None or s.fact.data.kind != kind)
        if q.years:
            unknown = [y for y in q.years if y not in self.years]
            if unknown and not any(set(q.years) & set(s.fact.years) for s in ranked):
                years = ", ".join(map(str, unknown))
                known = ", ".join(map(str, self.years))
                note = f"The cable gives no figures for {years}. Years it covers: {known}."
                return self._miss(q, note, [s.fact for s in ranked if s.score >= SUGGEST_SCORE], suggest)
            with_year = [s for s in ranked if set(q.years) & set(s.fact.years) and s.score >= MIN_SCORE]
            ranked = with_year or ranked  # "cases 2008": that year's figures, when the cable has them
        if not ranked or ranked[0].score < MIN_SCORE:
            near = [s.fact for s in ranked if s.score >= SUGGEST_SCORE]
            return self._miss(q, "The cable does not seem to answer that.", near, suggest)
        best = ranked[0].score
        shown = tuple(s.fact for s in ranked[:MAX_FACTS] if s.score >= max(MIN_SCORE, best * ALSO_SHOWN))
        return Answer(q.raw, "facts", shown, year=q.years[0] if q.years else None)

    def _articles(self, q: Query) -> list[str]:
        """Article numbers meant as articles: explicit ones, known ones, or any number in command form."""
        bare_ok = q.command in ("penalties", "article") or not q.words
        return [a.number for a in q.articles if a.explicit or a.number in self.articles or bare_ok]

    def _by_article(self, q: Query, articles: list[str]) -> Answer:
        unknown = [a for a in articles if a not in self.articles]
        if unknown:
            return self._article_miss(q, unknown[0])
        wanted = set(articles)
        pool = set().union(*(self._by_article_index[a] for a in wanted))
        content = [w for w in q.words if w not in ("article", "articles", "art", "arts", "st")]
        if q.command in ("penalties", "article") or not any(w not in STOPWORDS for w in content):
            return self._article_lookup(q, pool, wanted)
        got = self._by_words(Query(q.raw, tuple(content), q.command, q.articles, q.years), pool, suggest=False)
        return got if got.matched else self._article_lookup(q, pool, wanted)

    def _article_lookup(self, q: Query, pool: set[int], wanted: set[str]) -> Answer:
        facts = [self.facts[i] for i in pool]
        if q.command == "penalties":
            facts = [f for f in facts if f.topic == "penalties"] or facts
        if q.years:
            facts = [f for f in facts if set(q.years) & set(f.years)] or facts

        def specific(f: Fact) -> tuple:
            own = f.data is not None and getattr(f.data, "article", None) in wanted
            return (not own, len(f.articles), self._order[f.id])

        facts.sort(key=specific)
        if q.command == "penalties":
            own = [f for f in facts if f.data is not None and getattr(f.data, "article", None) in wanted]
            facts = own or facts
        return Answer(q.raw, "facts", tuple(facts[:MAX_FACTS]), year=q.years[0] if q.years else None)

    def _article_miss(self, q: Query, article: str | None) -> Answer:
        known = ", ".join(self.articles)
        word = "penalties" if q.command == "penalties" else "article"
        if article is None:
            note = f"Which article? The cable covers articles {known}."
            near = list(self.articles[:MAX_SUGGESTIONS])
        else:
            note = f"The cable does not mention article {article}. Articles it covers: {known}."
            target = float(article)
            near = sorted(self.articles, key=lambda a: (abs(float(a) - target), float(a)))[:MAX_SUGGESTIONS]
        return Answer(q.raw, "miss", note=note, suggestions=tuple(f"{word} {a}" for a in near))

    def _about(self, q: Query) -> Answer:
        about = [f for f in self.facts if f.topic == "about"]
        chosen = [self.kb.by_id[i] for i in ABOUT_IDS if i in self.kb.by_id] or about
        return Answer(q.raw, "facts", tuple(chosen[:MAX_FACTS]))

    def _miss(self, q: Query, note: str, near: list[Fact], suggest: bool = True) -> Answer:
        suggestions: list[str] = []
        for f in near if suggest else ():
            s = self.suggestion_for(f)
            if s and s not in suggestions:
                suggestions.append(s)
            if len(suggestions) == MAX_SUGGESTIONS:
                break
        return Answer(q.raw, "miss", note=note, suggestions=tuple(suggestions))

    def _article_order(self, f: Fact) -> tuple:
        a = getattr(f.data, "article", None) if f.data is not None else None
        key = tuple(map(int, a.split("."))) if a else (10_000,)
        return (key, self._order[f.id])

    @cached_property
    def penalty_table(self) -> tuple[Fact, ...]:
        """Every fact on the penalties topic, by article number (130, 130.1, 132, …)."""
        return tuple(sorted((self.facts[i] for i in self._by_topic.get("penalties", ())), key=self._article_order))


__all__ = ["AnswerCore", "ArticleRef", "Scored", "stem", "terms"]
