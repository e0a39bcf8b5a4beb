"""The fact schema: what one curated fact of the cable may hold. Unknown fields are errors.

The classes are plain frozen dataclasses, so a fact base unpickled from the cache (bot.knowledge.load_valid)
needs no pydantic: importing pydantic and building its schema cost a cold `tip-bot ask` about 0.2 s, while
only `tip-bot validate` (and a cache miss) read YAML. This module stays the one definition of the schema:
pydantic validates these dataclasses directly (bot.knowledge._check_fact, through a TypeAdapter), reading
`__pydantic_config__`, the field types, and the `Rule`s in `Annotated[...]`, which import pydantic only
when the validator is built. Checks across fields live in `__post_init__`, which pydantic runs after
validating the fields, so they report where they did as model validators.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field, replace
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, Self

SECTION_RE = re.compile(r"^(?:cable|(?:2[5-9]|30)\.[A-M])$")
ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ARTICLE_RE = r"^\d{1,3}(?:\.\d{1,2})?$"


class Rule:
    """A field constraint for `Annotated[T, Rule(...)]`: pydantic `Field` keywords (ge, pattern, min_length,
    discriminator…) and/or `after`, a check that returns the value or raises ValueError. pydantic is
    imported only when a validator is built from the schema, never when a fact is created or unpickled."""

    __slots__ = ("after", "field")

    def __init__(self, after: Callable[[Any], Any] | None = None, **field: Any) -> None:
        self.after = after
        self.field = field

    def __repr__(self) -> str:
        return f"Rule(after={self.after!r}, **{self.field!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import AfterValidator, Field

        metadata: list[Any] = [Field(**self.field)] if self.field else []
        if self.after is not None:
            metadata.append(AfterValidator(self.after))
        return handler(Annotated[(source, *metadata)])


@dataclass(frozen=True, kw_only=True)
class _Record:
    """What every schema class shares: the validation config pydantic reads, and the two pydantic-model
    methods callers use (model_dump, model_copy), kept by name so they did not change."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid", "str_strip_whitespace": True}

    def model_dump(
        self, *, exclude: Collection[str] = (), mode: Literal["python", "json"] = "python"
    ) -> dict[str, Any]:
        """The fields as plain dicts, lists and scalars (already JSON types, whatever `mode`)."""
        return {k: v for k, v in asdict(self).items() if k not in exclude}

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        """A copy with some fields replaced, as pydantic's: the values are not validated."""
        return replace(self, **(update or {}))


def _check_range(lo: float | None, hi: float | None, what: str) -> None:
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"{what}: min {lo} is greater than max {hi}")


def _section(v: str) -> str:
    if not SECTION_RE.match(v):
        raise ValueError(f"section {v!r} is not PARAGRAPH.LETTER (25.A … 30.M) or 'cable'")
    return v


@dataclass(frozen=True, kw_only=True)
class Term(_Record):
    min_years: Annotated[float, Rule(ge=0)] | None = None
    max_years: Annotated[float, Rule(ge=0)] | None = None
    fine: bool = False

    def __post_init__(self) -> None:
        _check_range(self.min_years, self.max_years, "penalty range")
        if self.min_years is None and self.max_years is None and not self.fine:
            raise ValueError("penalty range: give min_years, max_years or fine")


@dataclass(frozen=True, kw_only=True)
class AggravatedTerm(Term):
    conditions: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class PenaltyData(_Record):
    kind: Literal["penalty"]
    article: Annotated[str, Rule(pattern=ARTICLE_RE)]
    offence: str
    base: Term
    confiscation: bool = False
    aggravated: list[AggravatedTerm] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class CaseRow(_Record):
    year: Annotated[int, Rule(ge=1990, le=2010)] | None = None  # None: the cable gives no year for the figure
    article: Annotated[str, Rule(pattern=ARTICLE_RE)] | None = None
    measure: Literal["opened", "prosecuted", "convicted"]
    count: Annotated[int, Rule(ge=0)]
    unit: Literal["cases", "individuals"] = "cases"


@dataclass(frozen=True, kw_only=True)
class CasesData(_Record):
    kind: Literal["cases"]
    rows: Annotated[list[CaseRow], Rule(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class VictimGroup(_Record):
    group: str
    count: Annotated[int, Rule(ge=0)]
    exploitation: str | None = None


@dataclass(frozen=True, kw_only=True)
class VictimsData(_Record):
    kind: Literal["victims"]
    year: Annotated[int, Rule(ge=1990, le=2010)]
    total: Annotated[int, Rule(ge=0)]
    reported_by: str
    groups: list[VictimGroup] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Shelter(_Record):
    city: str
    serves: str
    run_by: str
    funded_by: str | None = None
    opened: str | None = None


@dataclass(frozen=True, kw_only=True)
class SheltersData(_Record):
    kind: Literal["shelters"]
    count: Annotated[int, Rule(ge=0)]
    shelters: list[Shelter] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.shelters and len(self.shelters) != self.count:
            raise ValueError(f"shelters: count is {self.count} but {len(self.shelters)} are listed")


@dataclass(frozen=True, kw_only=True)
class CountItem(_Record):
    label: str
    min: float
    max: float
    unit: str | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        _check_range(self.min, self.max, f"count {self.label!r}")


@dataclass(frozen=True, kw_only=True)
class CountsData(_Record):
    kind: Literal["counts"]
    items: Annotated[list[CountItem], Rule(min_length=1)]


Data = Annotated[PenaltyData | CasesData | VictimsData | SheltersData | CountsData, Rule(discriminator="kind")]


@dataclass(frozen=True, kw_only=True)
class Russian(_Record):
    """The curated Russian side of a fact: what a question in Russian is answered with.

    Quotes are not translated (they are the source); numbers, dates and article numbers must equal the
    English answer's digit for digit. `labels` maps every text in the fact's `data` (offence, group,
    exploitation, city, serves, run_by, funded_by, opened, reported_by, label, unit, conditions) to Russian.
    """

    title: Annotated[str, Rule(min_length=3, max_length=160)]
    answer: Annotated[str, Rule(min_length=10, max_length=2000)]
    aliases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    note: str = ""
    labels: dict[str, str] = field(default_factory=dict)


class FactText(NamedTuple):
    """What one fact says in one language (see Fact.text): the texts the index and the renderers use."""

    lang: Literal["en", "ru"]
    title: str
    answer: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    note: str


@dataclass(frozen=True, kw_only=True)
class Fact(_Record):
    id: Annotated[str, Rule(pattern=ID_RE, max_length=60)]
    section: Annotated[str, Rule(after=_section)]
    topic: Annotated[str, Rule(pattern=ID_RE)]
    title: Annotated[str, Rule(min_length=3, max_length=120)]
    answer: Annotated[str, Rule(min_length=10, max_length=1500)]
    aliases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    articles: list[Annotated[str, Rule(pattern=ARTICLE_RE)]] = field(default_factory=list)
    years: list[Annotated[int, Rule(ge=1990, le=2010)]] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    note: str = ""
    quotes: Annotated[list[Annotated[str, Rule(min_length=8)]], Rule(min_length=1)]
    data: Data | None = None
    # required by `tip-bot validate`; optional in the schema so one missing side is one problem
    ru: Russian | None = None

    def text(self, lang: Literal["en", "ru"] = "en") -> FactText:
        """The fact's text in a language; Russian falls back to English while a fact's `ru` side is not
        written. Quotes are not translated: they are the source (Russian answers show them as
        "Оригинал (англ.)")."""
        return self.text_in(lang) or self.text_in("en")  # type: ignore[return-value]  # English always exists

    def text_in(self, lang: Literal["en", "ru"]) -> FactText | None:
        """The fact's own text in a language, or None where it is not written (the Russian index skips it)."""
        if lang == "en":
            return FactText("en", self.title, self.answer, tuple(self.aliases), tuple(self.keywords), self.note)
        r = self.ru
        return None if r is None else FactText("ru", r.title, r.answer, tuple(r.aliases), tuple(r.keywords), r.note)

    def label(self, text: str, lang: Literal["en", "ru"] = "en") -> str:
        """A text from `data` (an offence, a city, a count's label) in a language; itself when not labelled."""
        return self.ru.labels.get(text, text) if lang == "ru" and self.ru is not None else text

    @property
    def citation(self) -> str:
        return "cable header" if self.section == "cable" else f"¶{self.section}"

    @property
    def paragraph(self) -> str:
        return self.section.split(".")[0]
