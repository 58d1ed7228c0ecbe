"""Stage 3a: links in the PDF as PDF/UA wants them, one annotation per line of a link.

WeasyPrint 70 gives every element inside an <a> an annotation of its own besides the link's,
tagged under that element (a Span) rather than the Link, which PDF/UA forbids (veraPDF 7.18.5).
An address is an <a> holding spans (its parts kept whole, html_text.py); its own box, on each
line, already covers them, so the elements inside do not inherit its link here.
"""
from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def one_annotation_per_link():
    """While a document is laid out, only an element with a link of its own gets an annotation
    (WeasyPrint's anchors module calls itself by its module name for the boxes inside)."""
    from weasyprint import anchors

    gather = anchors.gather_anchors

    def own_links_only(box, found, links, bookmarks, forms, parent_matrix=None, parent_form=None,
                       parent_link=None):
        return gather(box, found, links, bookmarks, forms, parent_matrix, parent_form)

    anchors.gather_anchors = own_links_only
    try:
        yield
    finally:
        anchors.gather_anchors = gather
