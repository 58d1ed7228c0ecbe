"""Slides and notes added in constant time: the same parts, names and ids python-pptx gives.

python-pptx names a new notes slide by walking every part of the package, finds a new slide's
id by reading every slide id, and looks for an existing relationship to a part it has just
made: each new slide costs as much as the deck so far, and a deck of thousands of slides
minutes. This deck only ever adds slides and notes, one after another, so the next names and
ids are counted instead; what is added, and in what order, is what python-pptx adds.
"""
from __future__ import annotations

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart, SlidePart

SLIDE_NAME = "/ppt/slides/slide%d.xml"
NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"


class Growing:
    """Adds slides and their notes to `deck`, which holds none yet when this is made."""

    def __init__(self, deck):
        self.deck = deck
        self.slide_ids = deck.slides._sldIdLst
        assert len(self.slide_ids) == 0, "slides are added to an empty deck only"
        self.count = 0                               # slides so far (lxml counts an element's children one by one)
        self.next_id = 256                           # python-pptx: the first slide id
        self.notes = 0
        self.notes_frames = {}                       # slide part -> its notes' text frame

    def add_slide(self, layout):
        """As `deck.slides.add_slide(layout)`."""
        part = self.deck.part
        self.count += 1
        slide_part = SlidePart.new(PackURI(SLIDE_NAME % self.count), part.package, layout.part)
        rid = part._rels._add_relationship(RT.SLIDE, slide_part)     # a new part: nothing to match
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        self.slide_ids._add_sldId(id=self.next_id, rId=rid)
        self.next_id += 1
        return slide

    def notes_frame(self, slide):
        """As `slide.notes_slide.notes_text_frame`: the slide's notes made on first use."""
        slide_part = slide.part
        if slide_part not in self.notes_frames:
            package = slide_part.package
            master_part = package.presentation_part.notes_master_part
            self.notes += 1
            notes_part = NotesSlidePart(PackURI(NOTES_NAME % self.notes), CT.PML_NOTES_SLIDE, package,
                                        CT_NotesSlide.new())
            notes_part.relate_to(master_part, RT.NOTES_MASTER)
            notes_part.relate_to(slide_part, RT.SLIDE)
            notes_part.notes_slide.clone_master_placeholders(master_part.notes_master)
            slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
            self.notes_frames[slide_part] = notes_part.notes_slide.notes_text_frame
        return self.notes_frames[slide_part]
