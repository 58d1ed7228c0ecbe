"""Stage 3a and 3c: texts as HTML, the templates' `inline` and `address` filters (PDF and web).

A text is escaped, its emphasis set as <strong>, its last two characters or words bound
(linebreak.bind_last), and each web address in it marked up: a link where the output may have
one (the screen PDF, the web page: a template renders with `links` true), a span in the print
edition (PDF/X allows no annotations). An address breaks across lines after a slash past the
scheme's '//' (a <wbr> there); the parts between are kept whole (renderers would break after
'https://', a hyphen or a '?'), unless one is too long for a column.
"""
from __future__ import annotations

import re

import jinja2
from markupsafe import Markup, escape

from . import addresses
from .content.inline import runs
from .linebreak import bind_last

# A part of an address (between slashes) of at most this many characters is kept on one line:
# 24 lower-case letters measure about 43 mm in a card's 9.5 pt (its column: 74 mm) and 190 px
# in the web page's 15 px card text (its room on a 320 px phone: 256 px). A longer part may
# break where the renderer finds a place, or anywhere, rather than run out of its column.
UNBROKEN = 24


@jinja2.pass_context
def inline_filter(context, text: str, bind: bool = False) -> Markup:
    return inline_html(text, bind, links=context.get("links", False))


@jinja2.pass_context
def address_filter(context, address: str) -> Markup:
    return address_html(address, link=context.get("links", False))


def inline_html(text: str, bind: bool = False, links: bool = False) -> Markup:
    """Inline markup to HTML: escaped text, emphasis as <strong>, addresses marked up; with
    `bind`, the last two characters or words bound together (a word joiner between Chinese
    characters, a no-break space between words), so no last line holds a lone Chinese character
    or a lone English word. (A nowrap span would do it too, but WeasyPrint then breaks before the
    span even where it fits.)"""
    parts = runs(text)
    texts = bind_last([run.text for run in parts]) if bind else [run.text for run in parts]
    return Markup("").join(_run_html(piece, run.emphasis, links) for piece, run in zip(texts, parts))


def _run_html(text: str, emphasis: bool, links: bool) -> Markup:
    html = Markup("").join(address_html(piece, links) if address else escape(piece)
                           for piece, address in addresses.split(text))
    return Markup("<strong>%s</strong>") % html if emphasis else html


def address_html(address: str, link: bool) -> Markup:
    """An address to show: a link (href attribute-escaped) or, without `link`, a span; a break
    opportunity after each slash, and each short part between them kept whole."""
    shown = Markup("<wbr>").join(_part(part) for part in addresses.segments(address))
    if link:
        return Markup('<a class="address" href="%s">%s</a>') % (address, shown)
    return Markup('<span class="address">%s</span>') % shown


# Inside a long part, where a line may end as style manuals break addresses: before ? & # . - _
# % ~ , and after =.
INSIDE_PART = re.compile(r"(?=[?&#.\-_%~,])|(?<==)")


def _part(text: str) -> Markup:
    if len(text) <= UNBROKEN:
        return Markup('<span class="unbroken">%s</span>') % text
    pieces = [piece for piece in INSIDE_PART.split(text) if piece]
    if len(pieces) > 1:
        return Markup("<wbr>").join(_part(piece) for piece in pieces)
    return escape(text)


def url_html(url: str) -> Markup:
    """An address to show inside a link of the template's own (the `url` filter)."""
    return address_html(url, link=False)
