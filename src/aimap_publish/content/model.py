"""Stage 1: the typed content model every later stage reads.

A report is metadata plus sections; a section is a list of typed blocks; a figure has a kind
and its own data. Texts are one bilingual value (`Text`), never two parallel trees. Blocks and
figures are tagged by their `kind` key; adding a kind means adding a class here and listing
it in `BLOCKS` or `FIGURES`.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from functools import cached_property
from typing import ClassVar, Literal, Union

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
LANG_TAGS = {"zh": "zh-CN", "en": "en"}


@dataclass(frozen=True)
class Text:
    """One piece of text in both languages; may carry **emphasis**."""

    zh: str
    en: str

    def __getitem__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Stat:
    """A large figure and its label; the figure one string ("30+") or one per language
    ({zh: 5万人, en: "50,000"})."""

    value: str | Text
    label: Text

    def value_in(self, lang: Lang) -> str:
        return self.value if isinstance(self.value, str) else self.value[lang]


@dataclass(frozen=True)
class StatsBlock:
    kind: ClassVar[str] = "stats"
    items: tuple[Stat, ...]


@dataclass(frozen=True)
class SlideVersion:
    """What a slide shows for a block in place of its full text (which goes to the notes): an
    assertion title and up to four short points, in both languages."""

    title: Text
    points: tuple[Text, ...]


@dataclass(frozen=True)
class ParagraphBlock:
    kind: ClassVar[str] = "paragraph"
    text: Text
    slide: SlideVersion | None = None


@dataclass(frozen=True)
class Card:
    """A card tells about a region (`region`, its title taken from there) or stands alone."""

    text: Text
    title: Text | None = None
    region: str | None = None


@dataclass(frozen=True)
class CardsBlock:
    kind: ClassVar[str] = "cards"
    items: tuple[Card, ...]
    slide: SlideVersion | None = None


@dataclass(frozen=True)
class FigureBlock:
    kind: ClassVar[str] = "figure"
    figure: str


@dataclass(frozen=True)
class QuoteBlock:
    kind: ClassVar[str] = "quote"
    text: Text


@dataclass(frozen=True)
class ShareBlock:
    """Invite to share the report: a QR code of the report's `url` with a title and a hint."""

    kind: ClassVar[str] = "share"
    title: Text
    hint: Text


Block = Union[StatsBlock, ParagraphBlock, CardsBlock, FigureBlock, QuoteBlock, ShareBlock]
BLOCKS = {cls.kind: cls for cls in Block.__args__}


@dataclass(frozen=True)
class Section:
    id: str
    heading: Text
    blocks: tuple[Block, ...]
    slide: SlideVersion | None = None      # one slide for all its paragraphs (the notes carry them)


@dataclass(frozen=True)
class Layer:
    """One layer of the industry structure, with the regions that anchor it."""

    id: str
    name: Text
    items: tuple[Text, ...]
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tag:
    """A label on cards and figure nodes; naming a layer gives it that layer's colour."""

    id: str
    label: Text
    layer: str | None = None


@dataclass(frozen=True)
class Region:
    """An innovation region: where it is and the model of innovation it stands for."""

    id: str
    place: Text
    short: Text
    model: Text
    summary: Text
    tag: str
    icon: str | None = None


@dataclass(frozen=True)
class HubData:
    center: Text
    regions: tuple[str, ...]


@dataclass(frozen=True)
class LayersData:
    layers: tuple[str, ...]
    flow: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Column:
    name: Text
    heading: Text
    items: tuple[Text, ...]
    icon: str | None = None


@dataclass(frozen=True)
class ComparisonData:
    columns: tuple[Column, ...]
    bridge: Text | None = None


@dataclass(frozen=True)
class HubFigure:
    kind: ClassVar[str] = "hub"
    id: str
    title: Text
    data: HubData


@dataclass(frozen=True)
class LayersFigure:
    kind: ClassVar[str] = "layers"
    id: str
    title: Text
    data: LayersData


@dataclass(frozen=True)
class ComparisonFigure:
    kind: ClassVar[str] = "comparison"
    id: str
    title: Text
    data: ComparisonData


Figure = Union[HubFigure, LayersFigure, ComparisonFigure]
FIGURES = {cls.kind: cls for cls in Figure.__args__}


@dataclass(frozen=True)
class Meta:
    masthead: Text
    title: Text
    subtitle: Text
    author: Text
    keywords: tuple[Text, ...] = ()


@dataclass(frozen=True)
class LanguageSwitch:
    """The web edition's language switch: its name and the name of each choice."""

    label: Text
    chinese: Text
    english: Text
    both: Text


@dataclass(frozen=True)
class EndLabels:
    """The headings of the end matter's parts."""

    about: Text
    method: Text
    disclaimer: Text
    copyright: Text
    edition: Text
    contact: Text


@dataclass(frozen=True)
class EndMatter:
    """What the publication says of itself, on its end-matter page with the colophon: each
    part optional, in the order of its fields."""

    about: Text | None = None
    method: Text | None = None
    disclaimer: Text | None = None
    copyright: Text | None = None
    edition: Text | None = None
    contact: Text | None = None

    def parts(self) -> list[tuple[str, Text]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) is not None]


@dataclass(frozen=True)
class WebLabels:
    """The web edition's own words."""

    top: Text                        # the link back to the top of the page
    share: Text                      # on a phone, in place of the QR code: how to share the page


@dataclass(frozen=True)
class Labels:
    """Words the layouts put around the content; `{name}` fields are filled by renderers. Each
    one a report leaves out is the packaged default (resources/labels.yaml)."""

    contents: Text
    figures: Text                    # titles the list of figures on the contents page
    languages: LanguageSwitch        # the web edition's language switch
    notes: Text                      # the heading of a print edition's notes page
    end: EndLabels                   # the end matter's headings
    web: WebLabels                   # the web edition's back-to-top link and phone share hint
    # Formats are the house's (theme: [formats]); a report that gives its own is warned and
    # keeps the house's.
    figure_caption: Text | None = None
    page: Text | None = None


@dataclass(frozen=True)
class Report:
    id: str
    date: datetime.date
    url: str
    meta: Meta
    labels: Labels
    sections: tuple[Section, ...]
    cover: tuple[Block, ...] = ()
    closing: tuple[Block, ...] = ()
    layers: tuple[Layer, ...] = ()
    tags: tuple[Tag, ...] = ()
    regions: tuple[Region, ...] = ()
    figures: tuple[Figure, ...] = ()
    end: EndMatter = EndMatter()

    @cached_property
    def region_by_id(self) -> dict[str, Region]:
        return {region.id: region for region in self.regions}

    @cached_property
    def layer_by_id(self) -> dict[str, Layer]:
        return {layer.id: layer for layer in self.layers}

    @cached_property
    def tag_by_id(self) -> dict[str, Tag]:
        return {tag.id: tag for tag in self.tags}

    @cached_property
    def figure_by_id(self) -> dict[str, Figure]:
        return {figure.id: figure for figure in self.figures}

    @cached_property
    def figure_numbers(self) -> dict[str, int]:
        """Figures are numbered in the order the sections first show them."""
        shown = [b.figure for s in self.sections for b in s.blocks if isinstance(b, FigureBlock)]
        return {fid: n for n, fid in enumerate(dict.fromkeys(shown), start=1)}

    def layer_index(self, layer_id: str) -> int:
        """Position of a layer in the structure, which picks its hue in the theme."""
        return [layer.id for layer in self.layers].index(layer_id)


def card_title(report: Report, card: Card) -> Text:
    """A card's title: its own, or its region's place and model ("AWE 上海 — 产品创新")."""
    if card.title is not None:
        return card.title
    region = report.region_by_id[card.region]
    return Text(*(f"{region.place[lang]} — {region.model[lang]}" for lang in LANGS))
