"""The fact schema: what one curated fact of the cable may hold. Unknown fields are errors."""

from __future__ import annotations

import re
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SECTION_RE = re.compile(r"^(?:cable|(?:2[5-9]|30)\.[A-M])$")
ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ARTICLE_RE = r"^\d{1,3}(?:\.\d{1,2})?$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def _check_range(lo: float | None, hi: float | None, what: str) -> None:
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"{what}: min {lo} is greater than max {hi}")


class Term(_Strict):
    min_years: float | None = Field(default=None, ge=0)
    max_years: float | None = Field(default=None, ge=0)
    fine: bool = False

    @model_validator(mode="after")
    def _sane(self) -> Term:
        _check_range(self.min_years, self.max_years, "penalty range")
        if self.min_years is None and self.max_years is None and not self.fine:
            raise ValueError("penalty range: give min_years, max_years or fine")
        return self


class AggravatedTerm(Term):
    conditions: list[str] = []


class PenaltyData(_Strict):
    kind: Literal["penalty"]
    article: Annotated[str, Field(pattern=ARTICLE_RE)]
    offence: str
    base: Term
    confiscation: bool = False
    aggravated: list[AggravatedTerm] = []


class CaseRow(_Strict):
    year: int | None = Field(default=None, ge=1990, le=2010)  # None: the cable gives no year for the figure
    article: Annotated[str, Field(pattern=ARTICLE_RE)] | None = None
    measure: Literal["opened", "prosecuted", "convicted"]
    count: int = Field(ge=0)
    unit: Literal["cases", "individuals"] = "cases"


class CasesData(_Strict):
    kind: Literal["cases"]
    rows: list[CaseRow] = Field(min_length=1)


class VictimGroup(_Strict):
    group: str
    count: int = Field(ge=0)
    exploitation: str | None = None


class VictimsData(_Strict):
    kind: Literal["victims"]
    year: int = Field(ge=1990, le=2010)
    total: int = Field(ge=0)
    reported_by: str
    groups: list[VictimGroup] = []


class Shelter(_Strict):
    city: str
    serves: str
    run_by: str
    funded_by: str | None = None
    opened: str | None = None


class SheltersData(_Strict):
    kind: Literal["shelters"]
    count: int = Field(ge=0)
    shelters: list[Shelter] = []

    @model_validator(mode="after")
    def _listed(self) -> SheltersData:
        if self.shelters and len(self.shelters) != self.count:
            raise ValueError(f"shelters: count is {self.count} but {len(self.shelters)} are listed")
        return self


class CountItem(_Strict):
    label: str
    min: float
    max: float
    unit: str | None = None
    year: int | None = None

    @model_validator(mode="after")
    def _sane(self) -> CountItem:
        _check_range(self.min, self.max, f"count {self.label!r}")
        return self


class CountsData(_Strict):
    kind: Literal["counts"]
    items: list[CountItem] = Field(min_length=1)


Data = Annotated[PenaltyData | CasesData | VictimsData | SheltersData | CountsData, Field(discriminator="kind")]


class Russian(_Strict):
    """The curated Russian side of a fact: what a question in Russian is answered with.

    Quotes are not translated (they are the source); numbers, dates and article numbers must equal the
    English answer's digit for digit. `labels` maps every text in the fact's `data` (offence, group,
    exploitation, city, serves, run_by, funded_by, opened, reported_by, label, unit, conditions) to Russian.
    """

    title: Annotated[str, Field(min_length=3, max_length=160)]
    answer: Annotated[str, Field(min_length=10, max_length=2000)]
    aliases: list[str] = []
    keywords: list[str] = []
    note: str = ""
    labels: dict[str, str] = {}


class FactText(NamedTuple):
    """What one fact says in one language (see Fact.text): the texts the index and the renderers use."""

    lang: Literal["en", "ru"]
    title: str
    answer: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    note: str


class Fact(_Strict):
    id: Annotated[str, Field(pattern=ID_RE, max_length=60)]
    section: str
    topic: Annotated[str, Field(pattern=ID_RE)]
    title: Annotated[str, Field(min_length=3, max_length=120)]
    answer: Annotated[str, Field(min_length=10, max_length=1500)]
    aliases: list[str] = []
    keywords: list[str] = []
    articles: list[Annotated[str, Field(pattern=ARTICLE_RE)]] = []
    years: list[Annotated[int, Field(ge=1990, le=2010)]] = []
    related: list[str] = []
    note: str = ""
    quotes: list[Annotated[str, Field(min_length=8)]] = Field(min_length=1)
    data: Data | None = None
    # required by `tip-bot validate`; optional in the schema so one missing side is one problem
    ru: Russian | None = None

    @field_validator("section")
    @classmethod
    def _section(cls, v: str) -> str:
        if not SECTION_RE.match(v):
            raise ValueError(f"section {v!r} is not PARAGRAPH.LETTER (25.A … 30.M) or 'cable'")
        return v

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
