"""The App Home tab: what the bot is, the cable's header facts, the topics by paragraph, the commands.

The view depends only on the fact base, so it is built once and published on `app_home_opened`.
"""

from __future__ import annotations

import logging
import time

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.models.views import View

from bot.knowledge import KnowledgeBase, section_key
from bot.logs import log_answer, since
from bot.render_blocks import CABLE_REF, escape, split_text
from bot.slack.deps import Deps
from bot.slack.listeners import call_slack

log = logging.getLogger("bot.slack.home")

MAX_HOME_BLOCKS = 100

# Paragraph headings of the cable; 29 and 30 lost theirs in the text, these name what the items cover.
PARAGRAPHS = {
    "25": "The trafficking situation",
    "26": "Background to the government's efforts",
    "27": "Investigation and prosecution",
    "28": "Protection and assistance to victims",
    "29": "Prevention",
    "30": "Partnerships",
}

COMMANDS = (
    "• `/tip <question>`: an answer only you see, with *Share in channel* and *Show source* buttons\n"
    "• `/tip help` and `/tip topics`: how to ask, and what the cable covers\n"
    "• `/tip penalties 130.1`, `/tip shelters`, `/tip victims 2009`: a few direct questions\n"
    "• Send me a direct message: the same answers, here in Messages\n"
    "• Mention `@tip-bot <question>` in a channel I am in: I answer in the thread"
)


def _mrkdwn_sections(text: str) -> list[Block]:
    return [SectionBlock(text={"type": "mrkdwn", "text": t, "verbatim": True}) for t in split_text(text)]


def home_blocks(kb: KnowledgeBase) -> list[Block]:
    blocks: list[Block] = [
        HeaderBlock(text="tip-bot"),
        *_mrkdwn_sections(
            "I answer questions about one document, the US Embassy Dushanbe cable "
            f"*{CABLE_REF}*, _2010 Trafficking in Persons Report for Tajikistan_. Every answer comes "
            "from the cable and cites its paragraph; *Show source* adds the cable's own words."
        ),
        DividerBlock(),
        HeaderBlock(text="The cable"),
    ]
    header_facts = [f for f in kb.facts if f.section == "cable"]
    if header_facts:
        blocks += _mrkdwn_sections("\n".join(f"• *{escape(f.title)}*: {escape(f.answer)}" for f in header_facts))
    blocks += [DividerBlock(), HeaderBlock(text="Topics")]
    for para, heading in PARAGRAPHS.items():
        sections: dict[str, list[str]] = {}
        for f in sorted((f for f in kb.facts if f.paragraph == para), key=lambda f: section_key(f.section)):
            cited = sections.setdefault(f.topic, [])
            if f.citation not in cited:
                cited.append(f.citation)
        if sections:
            lines = [f"`{escape(topic)}` {', '.join(cites)}" for topic, cites in sections.items()]
            blocks += _mrkdwn_sections(f"*¶{para} {heading}*\n" + " · ".join(lines))
    blocks += [DividerBlock(), HeaderBlock(text="Commands"), *_mrkdwn_sections(COMMANDS)]
    blocks.append(
        ContextBlock(
            elements=[{"type": "mrkdwn", "text": f"{len(kb.facts)} facts from {CABLE_REF}.", "verbatim": True}]
        )
    )
    return blocks[:MAX_HOME_BLOCKS]


def home_view(kb: KnowledgeBase) -> dict:
    return View(type="home", blocks=home_blocks(kb)).to_dict()


def register(app: App, deps: Deps) -> None:
    view = home_view(deps.kb)

    def _ack(ack: Ack) -> None:
        ack()

    def publish(event: dict, client: WebClient) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return  # the Messages tab needs nothing from us
        start = time.perf_counter()
        done = call_slack("views.publish (App Home)", client.views_publish, user_id=event["user"], view=view)
        log_answer("home", "", "App Home view", since(start), user=event["user"], delivered=done is not None)

    app.event("app_home_opened")(ack=_ack, lazy=[publish])
