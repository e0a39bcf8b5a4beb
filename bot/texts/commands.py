"""What a user can type, in ONE table, and every help text made from it: the terminal and Slack help
(`help`), the App Home's command list and the digest's "ask more" line."""

from __future__ import annotations

from dataclasses import dataclass

CABLE_NAME = "cable DUSHANBE 000170 (2010 Trafficking in Persons Report for Tajikistan)"


@dataclass(frozen=True)
class QueryCommand:
    example: str  # typed as it is: "penalties 130.1"
    does: str  # what it answers
    slack_only: bool = False  # e.g. `/tip digest`: the terminal has `tip-bot digest` instead
    featured: bool = False  # named in the short "ask more" line under a digest


QUERY_COMMANDS: tuple[QueryCommand, ...] = (
    QueryCommand("penalties", "all Criminal Code penalties, as a table"),
    QueryCommand("penalties 130.1", "the penalty under one article (article 138 works too)", featured=True),
    QueryCommand("shelters", "shelters for victims; victims 2009, cases 2008 for one year's figures", featured=True),
    QueryCommand("topics", "what the cable covers, by paragraph"),
    QueryCommand("about", "what the cable is: office, date, subject, reference"),
    QueryCommand("digest", "today's digest, only to you (digest next: tomorrow's)", slack_only=True),
    QueryCommand("help", "this list", featured=True),
)
QUESTION = 'or a question        "who runs the shelters", "where are women trafficked to"'
EXAMPLES = ("penalties 130.1", "how many shelters are there", "topics")  # buttons under the help


def help_text(*, slack: bool = False) -> str:
    """The help answer: one line per command, aligned for a monospace block (terminal, Slack code block)."""
    rows = [c for c in QUERY_COMMANDS if slack or not c.slack_only]
    lines = [f"Ask about {CABLE_NAME}:"]
    lines += [f"  {c.example:<20} {c.does}" for c in rows if c.example != "help"]
    lines.append(f"  {QUESTION}")
    return "\n".join(lines)


def home_commands() -> str:
    """The App Home's "Commands" section (Slack mrkdwn)."""
    lines = ["• `/tip <question>`: an answer only you see, with *Share in channel* and *Show source* buttons"]
    lines += [f"• `/tip {c.example}`: {c.does}" for c in QUERY_COMMANDS]
    lines += [
        "• Send me a direct message: the same answers, here in Messages",
        "• Mention `@tip-bot <question>` in a channel I am in: I answer in the thread",
    ]
    return "\n".join(lines)


def ask_more(*, markup: bool = True) -> str:
    """The line under a digest post: where to ask more."""
    tick = "`" if markup else ""
    examples = ", ".join(f"{tick}/tip {c.example}{tick}" for c in QUERY_COMMANDS if c.featured)
    return f"Ask more with {tick}/tip{tick} - e.g. {examples}"


HELP = help_text()  # the terminal's help; the answer core's help answer carries it (see bot/core.py)
