"""The App Home tab: what the bot is, the cable's header facts, the topics by paragraph, the commands.

The view depends only on the fact base, so it is built once per app and published on `app_home_opened`.
"""

from __future__ import annotations

import logging
import time

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.models.views import View

from bot.knowledge import KnowledgeBase, section_key
from bot.logs import log_answer, since
from bot.render_blocks import CABLE_REF, escape, split_text
from bot.slack.delivery import call_slack
from bot.slack.deps import deps_of
from bot.slack.listeners import ack_only
from bot.texts.commands import home_commands
from bot.texts.paragraphs import HEADINGS

log = logging.getLogger("bot.slack.home")

MAX_HOME_BLOCKS = 100


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
    for para, heading in HEADINGS.items():
        sections: dict[str, list[str]] = {}
        for f in sorted((f for f in kb.facts if f.paragraph == para), key=lambda f: section_key(f.section)):
            cited = sections.setdefault(f.topic, [])
            if f.citation not in cited:
                cited.append(f.citation)
        if sections:
            lines = [f"`{escape(topic)}` {', '.join(cites)}" for topic, cites in sections.items()]
            blocks += _mrkdwn_sections(f"*¶{para} {heading}*\n" + " · ".join(lines))
    blocks += [DividerBlock(), HeaderBlock(text="Commands"), *_mrkdwn_sections(home_commands())]
    blocks.append(
        ContextBlock(
            elements=[{"type": "mrkdwn", "text": f"{len(kb.facts)} facts from {CABLE_REF}.", "verbatim": True}]
        )
    )
    return blocks[:MAX_HOME_BLOCKS]


def home_view(kb: KnowledgeBase) -> dict:
    return View(type="home", blocks=home_blocks(kb)).to_dict()


def publish(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home" or not event.get("user"):
        return  # the Messages tab needs nothing from us
    start = time.perf_counter()
    deps = deps_of(context)
    view = deps.once("home view", lambda: home_view(deps.kb))
    done = call_slack(deps.health, "views.publish (App Home)", client.views_publish, user_id=event["user"], view=view)
    deps.usage.record("home", "", "home", since(start), user=event["user"])
    log_answer("home", "", "App Home view", since(start), user=event["user"], delivered=done is not None)


def register(app: App) -> None:
    app.event("app_home_opened")(ack=ack_only, lazy=[publish])
