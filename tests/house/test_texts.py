"""Each text exists once: the paragraph headings are the cable's own, and every help surface (terminal,
Slack help, App Home, the digest's "ask more" line) is made from the one command table."""

from __future__ import annotations

import json
import re
from datetime import date

from bot.core import AnswerCore
from bot.digest.post import digest_blocks, plain_text
from bot.digest.rotation import digest_for
from bot.knowledge import default_knowledge_dir, load_valid
from bot.render_text import render_text
from bot.slack.listeners.home import home_blocks
from bot.texts.commands import QUERY_COMMANDS, ask_more, help_text
from bot.texts.paragraphs import HEADINGS, paragraph_label
from bot.texts.slack_errors import TOKEN_ERRORS, explain_post_error


def test_paragraph_headings_are_the_cables_own():
    source = (default_knowledge_dir() / "source" / "dushanbe-000170-2010-tip-report.txt").read_text()
    in_cable = dict(re.findall(r"^PARAGRAPH (\d+): (.+?)\s*$", source, flags=re.M))
    assert in_cable  # the cable names 25-28; 29 and 30 lost theirs
    for number, heading in in_cable.items():
        assert HEADINGS[number] == heading
    assert set(HEADINGS) - set(in_cable) == {"29", "30"}


def test_every_surface_lists_every_command_from_the_one_table():
    kb = load_valid()
    core = AnswerCore(kb)
    terminal = render_text(core.ask("help"))
    home = json.dumps([b.to_dict() for b in home_blocks(kb)])
    for c in QUERY_COMMANDS:
        assert f"/tip {c.example}" in home
        if not c.slack_only and c.example != "help":
            assert f"  {c.example} " in terminal
    assert "digest" not in help_text()  # `tip-bot digest` is a subcommand in the terminal
    assert "  digest " in help_text(slack=True)
    day = digest_for(kb.facts, date(2026, 12, 1), 3)
    assert ask_more() in json.dumps(digest_blocks(day))
    assert ask_more(markup=False) in plain_text(day)


def test_topics_use_the_cables_headings():
    labels = [label for label, _ in AnswerCore(load_valid()).topics()]
    assert labels == ["The cable itself", *(paragraph_label(p) for p in HEADINGS)]


def test_one_table_of_token_errors_explains_a_failed_post():
    for code, err in TOKEN_ERRORS.items():
        assert explain_post_error(code) == f"{code}: {err.fix}"
    assert explain_post_error("not_in_channel").startswith("not_in_channel: invite the bot")
    assert explain_post_error("weird_error") == "weird_error"
