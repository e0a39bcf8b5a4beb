"""What every listener needs, built once per app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.knowledge import KnowledgeBase
from bot.settings import Settings
from bot.slack.dedupe import Dedupe

if TYPE_CHECKING:
    from bot.core import AnswerCore


@dataclass
class Deps:
    settings: Settings
    core: AnswerCore
    kb: KnowledgeBase
    dedupe: Dedupe = field(default_factory=Dedupe)
