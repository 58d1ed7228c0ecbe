"""The python-pptx floor: write the same slides, shapes, text and pictures again from the
positions, sizes and runs an already built deck holds, with no planning, fitting or layout.

`extract` reads the built deck once (not timed); `write` is the floor that is timed.
"""
from __future__ import annotations

import io
from copy import deepcopy
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def extract(source: Path) -> dict:
    built = Presentation(str(source))
    slides = [(_specs(slide.shapes), _paragraphs(slide.notes_slide.notes_text_frame)
               if slide.has_notes_slide else None) for slide in built.slides]
    return {"size": (built.slide_width, built.slide_height), "slides": slides}


def _specs(shapes) -> list:
    specs = []
    for shape in shapes:
        box = (shape.left, shape.top, shape.width, shape.height)
        kind = shape.shape_type
        if kind == MSO_SHAPE_TYPE.GROUP:
            specs.append(("group", _specs(shape.shapes)))
        elif kind == MSO_SHAPE_TYPE.PICTURE:
            specs.append(("picture", box, shape.image.blob))
        elif kind == MSO_SHAPE_TYPE.LINE:
            specs.append(("line", (shape.begin_x, shape.begin_y, shape.end_x, shape.end_y)))
        elif kind == MSO_SHAPE_TYPE.AUTO_SHAPE:
            specs.append(("shape", box))
        elif shape.has_text_frame:
            specs.append(("text", box, _paragraphs(shape.text_frame)))
    return specs


def _paragraphs(frame) -> list:
    return [(p.line_spacing, [(r.text, deepcopy(r._r.find(f"{A}rPr"))) for r in p.runs]) for p in frame.paragraphs]


def write(plan: dict, target: Path) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = plan["size"]
    blank = deck.slide_layouts[6]
    for specs, notes in plan["slides"]:
        slide = deck.slides.add_slide(blank)
        _make(specs, slide.shapes)
        if notes is not None:
            _write_text(notes, slide.notes_slide.notes_text_frame)
    deck.save(str(target))


def _make(specs, target) -> list:
    made = []
    for spec in specs:
        kind = spec[0]
        if kind == "group":
            made.append(target.add_group_shape(_make(spec[1], target)))
        elif kind == "picture":
            made.append(target.add_picture(io.BytesIO(spec[2]), *spec[1]))
        elif kind == "line":
            made.append(target.add_connector(1, *spec[1]))
        elif kind == "shape":
            shape = target.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *spec[1])
            shape.fill.solid()
            made.append(shape)
        else:
            box = target.add_textbox(*spec[1])
            _write_text(spec[2], box.text_frame)
            made.append(box)
    return made


def _write_text(paragraphs, frame) -> None:
    frame.word_wrap = True
    for i, (spacing, runs) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.line_spacing = spacing
        for text, rpr in runs:
            run = paragraph.add_run()
            run.text = text
            if rpr is not None:
                run._r.replace(run._r.get_or_add_rPr(), deepcopy(rpr))
