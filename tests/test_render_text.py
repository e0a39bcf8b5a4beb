"""Plain-text rendering: citations always, quotes on demand, no Slack markup, every kind covered."""

from bot.answer import Answer
from bot.render_text import penalty_line, render_text


def test_facts_carry_title_citation_and_answer(core):
    a = core.ask("penalties 130.1")
    text = render_text(a)
    f = a.facts[0]
    assert f.title in text
    assert "(¶27.B)" in text
    assert "5 to 8 years" in text
    assert f.quotes[0] not in text


def test_quotes_on_demand(core):
    a = core.ask("penalties 130.1")
    text = render_text(a, quotes=True)
    for q in a.facts[0].quotes:
        assert f'"{q}"' in text


def test_penalty_table_has_one_line_per_fact(core):
    a = core.ask("penalties")
    lines = render_text(a).splitlines()
    assert lines[0] == a.note
    assert len(lines) == 1 + len(a.facts)
    art = next(line for line in lines if line.startswith("Art. 130.1"))
    assert "5–8 years" in art and "12–15 years aggravated" in art
    assert any(line.startswith("Art. 130 ") and "5–10 years" in line for line in lines)
    assert all("¶27." in line for line in lines[1:])


def test_penalty_line_with_a_fine(core):
    art140 = next(f for f in core.facts if f.data is not None and getattr(f.data, "article", None) == "140")
    assert penalty_line(art140.data) == "a fine or up to 2 years"


def test_year_figures_come_first(core):
    a = core.ask("cases 2008")
    text = render_text(a)
    assert "2008: 23 cases opened" in text
    assert text.index("2008: 23") < text.index("The government reported")


def test_miss_shows_note_and_did_you_mean(core):
    a = core.ask("penalties 999")
    text = render_text(a)
    assert text.startswith("The cable does not mention article 999.")
    assert "Did you mean: " + " | ".join(a.suggestions) in text


def test_help_and_topics(core):
    assert "penalties 130.1" in render_text(core.ask("help"))
    text = render_text(core.ask("topics"))
    assert "¶27 Investigation and Prosecution:" in text
    assert "penalties" in text


def test_slack_bold_is_dropped(core):
    f = core.facts[0]
    a = Answer("q", "facts", (f.model_copy(update={"answer": "The *cable* is from 2010."}),))
    assert "The cable is from 2010." in render_text(a)


def test_user_text_is_not_echoed_as_markup(core):
    a = core.ask("<!channel> kubernetes")
    assert "<!channel>" not in render_text(a)
