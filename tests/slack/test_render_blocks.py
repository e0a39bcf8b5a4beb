"""The Block Kit renderer on real facts and on hand-made answers that push Slack's limits."""

from __future__ import annotations

from slack_sdk.models.blocks import ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.answer import Answer
from bot.render_blocks import (
    answer_blocks,
    answer_text,
    button_dict,
    context_dict,
    escape,
    fact_blocks,
    section_dicts,
    split_text,
)
from tests.slack.blocks import action_ids, all_text, assert_slack_safe


def test_plain_dict_pieces_have_exactly_the_models_shape():
    md = MarkdownTextObject(text="a &lt; b", verbatim=True)
    assert context_dict("a &lt; b") == ContextBlock(elements=[md]).to_dict()
    assert section_dicts("a &lt; b") == [SectionBlock(text=md).to_dict()]
    assert (
        button_dict("Go", "act", "v", style="primary")
        == ButtonElement(text="Go", action_id="act", value="v", style="primary").to_dict()
    )


def test_fact_blocks_cite_paragraph_and_cable(kb):
    fact = kb.by_id["penalty-130-1"]
    blocks = fact_blocks(fact)
    assert blocks[0]["type"] == "section" and fact.title in blocks[0]["text"]["text"]
    assert blocks[-1] == context_dict("¶27.B · DUSHANBE 000170, 10 Feb 2010")
    with_quotes = all_text(fact_blocks(fact, show_quotes=True))
    assert "> " + escape(" ".join(fact.quotes[0].split()))[:50] in with_quotes
    blocks[0]["text"]["text"] = "changed"  # callers (the digest) may edit their copy ...
    assert fact_blocks(fact)[0]["text"]["text"] != "changed"  # ... without touching the cache


def test_escape_neutralises_slack_markup():
    assert escape("<!channel> & <@U1|x>") == "&lt;!channel&gt; &amp; &lt;@U1|x&gt;"


def test_split_text_respects_the_limit_and_entities():
    text = ("word " * 1000) + ("&amp;" * 700)
    pieces = split_text(text, 3000)
    assert all(len(p) <= 3000 for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert all(p.count("&") == p.count(";") for p in pieces)  # no entity cut in two


def test_many_long_facts_stay_within_50_blocks_with_a_pointer(kb):
    facts = tuple(kb.facts)  # every fact, with every quote: far more than one message holds
    answer = Answer(query="everything", kind="table", facts=facts, note="All of it:")
    for show_quotes in (False, True):
        blocks = answer_blocks(answer, show_quotes=show_quotes)
        assert_slack_safe(blocks)
        assert blocks[-1]["type"] == "actions"
    assert "more fact(s) not shown" in all_text(answer_blocks(answer, show_quotes=True))


def test_huge_quote_is_split_not_rejected(kb):
    fact = kb.by_id["penalty-130-1"].model_copy(update={"quotes": ["x " * 4000]})
    blocks = answer_blocks(Answer(query="q", kind="facts", facts=(fact,)), show_quotes=True)
    assert_slack_safe(blocks)
    assert sum(1 for b in blocks if b["type"] == "section") >= 3


def test_miss_without_suggestions_still_says_so():
    blocks = answer_blocks(Answer(query="<!here> zzz", kind="miss"))
    assert_slack_safe(blocks)
    assert "could not find" in all_text(blocks) and action_ids(blocks) == []
    assert answer_text(Answer(query="x", kind="miss", note="<!here>")) == "&lt;!here&gt;"


def test_buttons_follow_the_surface(kb):
    answer = Answer(query="penalties 130.1", kind="facts", facts=(kb.by_id["penalty-130-1"],))
    assert action_ids(answer_blocks(answer)) == ["tip_share", "tip_source"]
    assert action_ids(answer_blocks(answer, ephemeral=False)) == ["tip_source"]
    assert action_ids(answer_blocks(answer, buttons=False)) == []
    assert action_ids(answer_blocks(answer, show_quotes=True)) == ["tip_share"]
