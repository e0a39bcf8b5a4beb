"""The App Home tab: what the bot is, the cable's header facts, the topics by paragraph, the commands,
in English or Russian with a button that switches (bot/texts/home.py says why one language at a time).

The view depends only on the fact base and the language, so each is built once per app. The language
shown is kept in the view's own `private_metadata`: Slack sends the published view back with every
`app_home_opened`, so a reader's choice sticks without storing anything.
"""

from __future__ import annotations

import logging
import time

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.knowledge import KnowledgeBase, section_key
from bot.lang import LANGS, Lang
from bot.logs import log_answer, since
from bot.render_blocks import escape, split_text
from bot.render_feedback import curator_blocks
from bot.render_text import citation, text_of
from bot.slack.delivery import call_slack
from bot.slack.deps import Deps, deps_of
from bot.slack.listeners import ack_only
from bot.store.base import StoreUnavailable
from bot.texts.commands import home_commands
from bot.texts.feedback import CURATOR_WORDS
from bot.texts.home import HOME
from bot.texts.paragraphs import HEADINGS, paragraph_label
from bot.texts.topics import topic_name
from bot.texts.words import cable_ref

log = logging.getLogger("bot.slack.home")

MAX_HOME_BLOCKS = 100
ACTION_HOME_LANG = "tip_home_lang"  # value: the language to show
CURATOR_DAYS = 7  # the Curators section covers the last week


def _mrkdwn_sections(text: str) -> list[Block]:
    return [SectionBlock(text={"type": "mrkdwn", "text": t, "verbatim": True}) for t in split_text(text)]


def home_blocks(kb: KnowledgeBase, lang: Lang = "en") -> list[Block]:
    w = HOME[lang]
    other: Lang = "en" if lang == "ru" else "ru"
    blocks: list[Block] = [
        HeaderBlock(text="tip-bot"),
        ActionsBlock(
            block_id="tip_home_lang",
            elements=[ButtonElement(text=w.switch, action_id=ACTION_HOME_LANG, value=other)],
        ),
        *_mrkdwn_sections(w.intro.format(ref=cable_ref(lang)) + "\n" + w.languages),
        DividerBlock(),
        HeaderBlock(text=w.cable),
    ]
    header_facts = [text_of(f, lang) for f in kb.facts if f.section == "cable"]
    if header_facts:
        blocks += _mrkdwn_sections("\n".join(f"• *{escape(t.title)}*: {escape(t.answer)}" for t in header_facts))
    blocks += [DividerBlock(), HeaderBlock(text=w.topics)]
    for para in HEADINGS:
        sections: dict[str, list[str]] = {}
        for f in sorted((f for f in kb.facts if f.paragraph == para), key=lambda f: section_key(f.section)):
            cited = sections.setdefault(topic_name(f.topic, lang), [])
            if citation(f, lang) not in cited:
                cited.append(citation(f, lang))
        if sections:
            lines = [f"`{escape(topic)}` {', '.join(cites)}" for topic, cites in sections.items()]
            blocks += _mrkdwn_sections(f"*{escape(paragraph_label(para, lang))}*\n" + " · ".join(lines))
    blocks += [DividerBlock(), HeaderBlock(text=w.commands), *_mrkdwn_sections(home_commands(lang))]
    footer = w.footer.format(n=len(kb.facts), ref=cable_ref(lang))
    blocks.append(ContextBlock(elements=[{"type": "mrkdwn", "text": footer, "verbatim": True}]))
    return blocks[:MAX_HOME_BLOCKS]


def home_view(kb: KnowledgeBase, lang: Lang = "en") -> dict:
    return View(type="home", blocks=home_blocks(kb, lang), private_metadata=lang).to_dict()


def shown_lang(view: dict | None) -> Lang:
    """The language of the Home view Slack sent back (ours, in private_metadata); English before any."""
    meta = (view or {}).get("private_metadata")
    return "ru" if meta == "ru" else "en"


def _publish(context: BoltContext, client: WebClient, user: str, lang: Lang, what: str) -> None:
    start = time.perf_counter()
    deps = deps_of(context)
    view = deps.once(f"home view {lang}", lambda: home_view(deps.kb, lang))
    if user in deps.settings.curator_ids:  # shared cached view: a new dict, never mutated
        view = {**view, "blocks": view["blocks"] + curators_section(deps, MAX_HOME_BLOCKS - len(view["blocks"]))}
    done = call_slack(deps.health, "views.publish (App Home)", client.views_publish, user_id=user, view=view)
    deps.usage.record("home", "", "home", since(start), user=user)
    log_answer(what, "", f"App Home view ({lang})", since(start), user=user, delivered=done is not None)


def curators_section(deps: Deps, room: int) -> list[dict]:
    """The Curators section (for CURATORS only): read from the store on each opening, never cached."""
    from datetime import UTC, datetime, timedelta

    from bot import stats

    store = deps.votes.store
    if store is None or not deps.usage.enabled:
        return curator_blocks(None, room=room)
    since = datetime.now(UTC) - timedelta(days=CURATOR_DAYS)
    try:
        rows, votes = store.usage_since(since), store.votes_since(since)
    except StoreUnavailable as e:
        return curator_blocks(None, problem=CURATOR_WORDS.unavailable.format(why=e), room=room)
    report = stats.build(rows, votes, deps.core, deps.kb, since=since, days=CURATOR_DAYS, top=5)
    return curator_blocks(report, room=room)


def publish(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home" or not event.get("user"):
        return  # the Messages tab needs nothing from us
    _publish(context, client, event["user"], shown_lang(event.get("view")), "home")


def switch_language(body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    """The switch button: publish Home in the language it names."""
    user = (body.get("user") or {}).get("id")
    value = action.get("value")
    if user and value in LANGS:
        _publish(context, client, user, "ru" if value == "ru" else "en", "home switch")


def register(app: App) -> None:
    app.event("app_home_opened")(ack=ack_only, lazy=[publish])
    app.action(ACTION_HOME_LANG)(ack=ack_only, lazy=[switch_language])
