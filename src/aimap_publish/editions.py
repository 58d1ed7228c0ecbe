"""Editions: which languages an output carries and how its files are named.

`bilingual` sets Chinese first with English beside it; `zh` and `en` drop the other language.
"""
from __future__ import annotations

from dataclasses import dataclass

from .content.model import LANG_TAGS, Lang, Text


@dataclass(frozen=True)
class Edition:
    name: str                    # "bilingual", "zh" or "en"
    langs: tuple[Lang, ...]

    @property
    def suffix(self) -> str:
        """What follows the report id in file names: nothing for the bilingual edition."""
        return "" if self.name == "bilingual" else f"-{self.name}"

    @property
    def primary(self) -> Lang:
        return self.langs[0]

    @property
    def lang_tag(self) -> str:
        return LANG_TAGS[self.primary]

    def join(self, text: Text, sep: str = " ") -> str:
        """The text in this edition's languages, on one line."""
        return sep.join(text[lang] for lang in self.langs)


EDITIONS = {
    "bilingual": Edition("bilingual", ("zh", "en")),
    "zh": Edition("zh", ("zh",)),
    "en": Edition("en", ("en",)),
}
