"""No string crashes the core: any unicode, markup, numbers and huge inputs give a well-formed Answer."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer import MAX_QUERY, Answer
from bot.core import MAX_FACTS, MAX_SUGGESTIONS, AnswerCore
from bot.knowledge import load_valid
from bot.render_text import render_text

CORE = AnswerCore(load_valid())
WORDS = [
    "penalties",
    "article",
    "art.",
    "130.1",
    "130-1",
    "1301",
    "999",
    "2009",
    "12009",
    "shelters",
    "victims",
    "<!channel>",
    "<@U123>",
    "*",
    "/tip",
    "how many",
    "§",
    "ст.",
    "cases",
    "topics",
    "help",
    "about",
    "\u0000",
]
queries = st.one_of(
    st.text(max_size=600),
    st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=12).map(" ".join),
    st.from_regex(r"(/tip )?(penalties|article|art\.?) ?\d{1,5}([.,-]\d{1,3})?", fullmatch=True),
)


@settings(max_examples=200, deadline=None)
@given(queries)
def test_no_string_crashes_the_core(text):
    a = CORE.ask(text)
    assert isinstance(a, Answer)
    assert len(a.query) <= MAX_QUERY
    assert len(a.suggestions) <= MAX_SUGGESTIONS
    if a.kind == "facts":
        assert 1 <= len(a.facts) <= MAX_FACTS
    if a.kind == "miss":  # a miss says what the cable lacks; it may show what it has on the topic instead
        assert a.note and len(a.facts) <= MAX_FACTS
    assert isinstance(render_text(a, quotes=True), str)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=50_000))
def test_long_input_is_cut_not_choked_on(text):
    a = CORE.ask(text * 3)
    assert len(a.query) <= MAX_QUERY
