"""The shipped report: it loads, it is whole, and it is edited as the source README asks."""
from __future__ import annotations

from aimap_publish import figures
from aimap_publish.content import iter_strings, load_report
from aimap_publish.content.inline import plain
from aimap_publish.theme import load_theme
from conftest import REPORT, missing_fragments, source_fragments


def shipped():
    return load_report(REPORT).report


def test_every_source_sentence_is_in_the_data():
    report = shipped()
    text = "\n".join(s for path, s in iter_strings(report))
    text += "\n".join(f"{r.place.zh} — {r.model.zh}\n{r.place.en} — {r.model.en}" for r in report.regions)
    for figure in report.figures:
        text += "\n".join([*figures.caption(figure, report, load_theme()).__dict__.values(), *figures.describe(figure, report).__dict__.values()])
    assert len(source_fragments()) > 150
    assert missing_fragments(text) == []


def test_every_text_has_both_languages():
    for path, value in iter_strings(shipped()):
        assert value.strip(), path


def test_report_has_the_source_structure():
    report = shipped()
    assert [s.value for s in report.cover[0].items] == ["30+", "6", "6", "7"]
    assert report.cover[0].items[3].label.zh == "天"
    assert len(report.regions) == 6 and len(report.layers) == 3 and len(report.figures) == 3
    assert [f.kind for f in report.figures] == ["hub", "layers", "comparison"]
    assert report.figure_numbers == {"innovation-map": 1, "industry-structure": 2, "collaboration": 3}


def test_chinese_punctuation_is_full_width():
    for path, value in iter_strings(shipped()):
        if path.endswith(".zh") and any("\u4e00" <= ch <= "\u9fff" for ch in value):
            sentence = plain(value)
            assert "," not in sentence and "(" not in sentence and '"' not in sentence, path


def test_emphasis_and_two_tone_headings_survive():
    report = shipped()
    assert all("**" in s.heading.zh and "**" in s.heading.en for s in report.sections)
    findings = report.sections[0].blocks[0].text
    assert "**Global AI Founders China Tour**" in findings.zh
    assert "**Global AI Founders China Tour**" in findings.en
