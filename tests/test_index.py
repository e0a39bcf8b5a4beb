"""The index's two ways from text to terms agree: a fact's text split token by token at start-up (each
distinct token worked out once per build, cached) and a phrase split as a whole (what scoring uses, as it
always was: the fact's own words, without the query's phrase rewrites)."""

from concurrent.futures import ThreadPoolExecutor

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.constraints import fact_places, fact_states_amount
from bot.core import AnswerCore
from bot.index import _Terms, bitset, build_index, topic_words
from bot.knowledge import load_valid
from bot.lang import LANGS, Lang

KB = load_valid()
# Pieces where splitting on white space first could go wrong: punctuation glued to words, ё, full-width and
# compatibility forms NFKC rewrites (some into two words: "¨", "ﷺ"), odd spaces, combining marks, digits,
# underscores, stop words, British spellings and known misspellings.
PIECES = [
    "Shelters,",
    "(2009)",
    "130.1",
    "art.130-1",
    "МВД",
    "Ёлки",
    "ещё",
    "ﬁnes",
    "ＭＯＳＣＯＷ",
    "Ⅻ",
    "a\u0308",
    "\u00a8",
    "\ufdfa",
    "x_y",
    "_",
    "the",
    "и",
    "colour",
    "punishmnt",
    "STRASSE",
    "Straße",
    "\u00a0",
    "\u3000",
    "\u2028",
    "\x1c",
    "\u200b",
]
SEPARATORS = st.sampled_from([" ", "\n", "\t", "  ", "\u00a0", "\u2003", ""])
texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.tuples(st.sampled_from(PIECES) | st.text(max_size=6), SEPARATORS), max_size=12).map(
        lambda parts: "".join(p + s for p, s in parts)
    ),
)
SHARED: dict[Lang, _Terms] = {lang: _Terms(lang) for lang in LANGS}  # its token cache grows over the examples


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(LANGS))
def test_token_by_token_gives_the_terms_of_the_whole_text(text: str, lang: Lang) -> None:
    whole = _Terms(lang)(text)
    assert _Terms(lang).of_tokens(text) == whole
    assert SHARED[lang].of_tokens(text) == whole  # with tokens cached from earlier examples


def test_the_built_index_holds_each_facts_terms_as_the_whole_text_gives_them() -> None:
    for lang in LANGS:
        idx = build_index(KB.facts, lang)
        whole = _Terms(lang)  # the whole-text way, on its own
        named_of: dict[int, set[str]] = {}
        for t, facts in idx.named_in.items():
            for i in facts:
                named_of.setdefault(i, set()).add(t)
        for i, f in enumerate(KB.facts):
            text = f.text_in(lang)
            if text is None:
                assert not idx.fact_terms[i] and i not in named_of
                continue
            named = [text.title, *text.aliases, " ".join([*text.keywords, *topic_words(f.topic, lang)])]
            want_named = frozenset().union(*map(whole, named))
            assert named_of.get(i, set()) == want_named, f.id
            assert set(idx.fact_terms[i]) == want_named | whole(text.answer), f.id
            assert len(idx.fact_terms[i]) == len(set(idx.fact_terms[i])), f.id
            assert [p[0] for p in idx.phrases(i)] == [whole(p) for p in [*named, text.answer] if whole(p)], f.id


def test_places_and_sums_are_worked_out_once_on_the_first_question_that_needs_them() -> None:
    core = AnswerCore(KB)
    core.ask("penalties 130.1")
    core.ask("who runs the shelters")
    assert core._places_built is None  # no place named, no "where": start-up and these never pay for places
    assert "_money" not in vars(core)  # nor for the facts that state a sum of money
    assert "_figures" not in vars(core)  # nor for those that carry figures
    core.ask("how many shelters are there")
    assert vars(core)["_figures"] != 0
    core.ask("how many dollars did the US give for anti-trafficking work")
    assert vars(core)["_money"] == bitset([i for i, f in enumerate(KB.facts) if fact_states_amount(f)])
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(core.ask, ["are men trafficked to russia"] * 16))
    assert len({tuple(f.id for f in a.facts) for a in answers}) == 1 and answers[0].facts
    terms = core.index("en").fact_terms
    assert core._places_built is not None
    assert core._places_built[0] == [fact_places(f, terms[i]) for i, f in enumerate(KB.facts)]
    assert any(core._places_built[0])
