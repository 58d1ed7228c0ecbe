"""The deck's faces travel with it: each face its text is set in is embedded (p:embeddedFontLst),
subset to the deck's characters, in the Embedded OpenType form PowerPoint reads; libeot's own
reader decodes each one. LibreOffice (Debian 12's) does not read a PowerPoint deck's embedded
faces, so the deck is also rendered with its faces hidden from fontconfig: the substitutes
LibreOffice picks (DejaVu Sans, wider than Noto Sans) must still keep every word in its shape."""
from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import ROOT, fixture_copy, run_cli
from test_deck import ID, POLICY

PML = "http://schemas.openxmlformats.org/presentationml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_REL = REL + "/font"


@pytest.fixture(scope="module")
def deck_file(shipped_outputs) -> Path:
    return shipped_outputs / f"{ID}.pptx"


def run_text(deck_path: Path) -> dict[tuple[str, bool], set[str]]:
    """(typeface, bold) -> characters set in runs naming it, on every slide and in the notes."""
    used: dict[tuple[str, bool], set[str]] = {}
    deck = Presentation(str(deck_path))
    trees = [slide.element for slide in deck.slides]
    trees += [slide.notes_slide.element for slide in deck.slides if slide.has_notes_slide]
    for tree in trees:
        for run in tree.iter(qn("a:r")):
            rpr = run.find(qn("a:rPr"))
            text = "".join(t.text or "" for t in run.iter(qn("a:t")))
            if rpr is None or not text:
                continue
            for tag in ("a:latin", "a:ea"):
                face = rpr.find(qn(tag))
                if face is not None:
                    used.setdefault((face.get("typeface"), rpr.get("b") == "1"), set()).update(text)
    return used


def embedded(deck_path: Path, tmp_path: Path) -> dict[tuple[str, bool], TTFont]:
    """(typeface, bold) -> the embedded face, decoded from its font part by libeot's eot2ttf."""
    with zipfile.ZipFile(deck_path) as package:
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
        types = etree.fromstring(package.read("[Content_Types].xml"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels if rel.get("Type") == FONT_REL}
        faces = {}
        for font in presentation.iterfind(f"{{{PML}}}embeddedFontLst/{{{PML}}}embeddedFont"):
            typeface = font.find(f"{{{PML}}}font").get("typeface")
            for tag, bold in (("regular", False), ("bold", True)):
                slot = font.find(f"{{{PML}}}{tag}")
                if slot is None:
                    continue
                name = "ppt/" + targets[slot.get(f"{{{REL}}}id")]
                declared = [t.get("ContentType") for t in types if t.get("PartName") == "/" + name
                            or t.get("Extension") == name.rsplit(".", 1)[-1]]
                assert declared == ["application/x-fontdata"], (name, declared)
                eot = tmp_path / f"{len(faces)}.eot"
                eot.write_bytes(package.read(name))
                sfnt = tmp_path / f"{len(faces)}.otf"
                done = subprocess.run(["eot2ttf", str(eot), str(sfnt)], capture_output=True, text=True)
                assert done.returncode == 0, done.stderr
                faces[(typeface, bold)] = TTFont(sfnt)
    assert presentation.get("embedTrueTypeFonts") == "1"
    return faces


def system_cmap(typeface: str, bold: bool) -> set[str]:
    role = next(r for r in POLICY.roles.values() if r.family == typeface)
    face = role.faces["Bold" if bold else "Regular"]
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        return set(map(chr, font.getBestCmap()))


def assert_travels(deck_path: Path, tmp_path: Path) -> dict[tuple[str, bool], TTFont]:
    used = run_text(deck_path)
    faces = embedded(deck_path, tmp_path)
    assert set(used) <= set(faces), f"set in but not embedded: {sorted(set(used) - set(faces))}"
    for (typeface, bold), font in faces.items():
        names = font["name"]
        assert names.getDebugName(1) == typeface
        assert names.getDebugName(2) == ("Bold" if bold else "Regular")
        held = set(map(chr, font.getBestCmap()))
        wanted = used.get((typeface, bold), set()) & system_cmap(typeface, bold)
        assert wanted <= held, f"{typeface} {'Bold' if bold else 'Regular'} lacks {''.join(sorted(wanted - held))!r}"
    return faces


def test_every_face_the_deck_sets_is_embedded_with_every_character_it_sets(deck_file, tmp_path):
    faces = assert_travels(deck_file, tmp_path)
    assert {typeface for typeface, _ in faces} == {POLICY.deck_ea, POLICY.deck_latin}


def test_the_embedded_faces_are_subsets(deck_file, tmp_path):
    """A participant mails the deck: its CJK faces hold the deck's characters (and what a small
    edit types), not the 65,000 glyphs of the installed face."""
    faces = embedded(deck_file, tmp_path)
    cjk = faces[(POLICY.deck_ea, False)]
    assert 300 < len(cjk.getGlyphOrder()) < 2_000
    assert deck_file.stat().st_size < 1_500_000


def test_a_corpus_deck_in_english_embeds_what_it_sets(tmp_path, warm_cache):
    project = fixture_copy(ROOT / "tests/fixtures/corpus/ev-battery-chain", tmp_path / "p", warm_cache)
    result = run_cli("slides", "--quiet", "--lang", "en", "--out", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert_travels(next((tmp_path / "out").glob("*.pptx")), tmp_path)


def hidden_faces_config(folder: Path) -> Path:
    """A fontconfig setup that is the system's minus every face of the deck's families (their
    files: a family's other styles, or its collection's other faces, would stand in for it)."""
    files = {str(face.path) for role in POLICY.roles.values() for face in role.faces.values()
             if role.name != "emoji"}
    families = (POLICY.deck_ea, POLICY.deck_latin)
    rejected = "".join(f"<glob>{path}</glob>" for path in sorted(files))
    rejected += "".join(f'<pattern><patelt name="family"><string>{family}</string></patelt></pattern>'
                        for family in families)
    config = folder / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<cachedir>{folder / 'cache'}</cachedir>
<selectfont><rejectfont>{rejected}</rejectfont></selectfont></fontconfig>
""", encoding="utf-8")
    return config


def test_without_its_faces_installed_every_word_stays_in_its_shape(deck_file, tmp_path):
    """A venue's laptop without Noto: LibreOffice substitutes its own faces (it does not read the
    deck's embedded ones). The widest it picks, DejaVu Sans, sets the deck's English about 7 %
    wider than Noto Sans; the slides must hold that."""
    assert_holds_without_its_faces(deck_file, tmp_path)


def assert_holds_without_its_faces(deck_file: Path, tmp_path: Path) -> None:
    import os

    from aimap_publish.preflight.deck import overflowing, overprinting
    from aimap_publish.preflight.poppler import pages
    from aimap_publish.preflight.shapes import text_shapes

    tmp_path.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(hidden_faces_config(tmp_path))}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck_file)],
                   capture_output=True, timeout=600, check=False, env=env)
    pdf = tmp_path / f"{deck_file.stem}.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert not re.search(r"NotoSans(CJK|-)", fonts), "the faces were not hidden:\n" + fonts
    slides = Presentation(str(deck_file)).slides
    rendered = pages(pdf)
    assert len(rendered) == len(slides)
    found = [(number, message) for number, (slide, page) in enumerate(zip(slides, rendered), start=1)
             for message in [*overflowing(text_shapes(slide), page.words),
                             *overprinting(text_shapes(slide), page.words)]]
    assert found == []


def brand_face(source: Path, target: Path, fs_type: int) -> None:
    """A copy of `source` renamed to the family "Brand Sans", with the licence bits `fs_type`."""
    with TTFont(source) as font:
        for record in font["name"].names:
            if record.nameID in (1, 4, 16):
                record.string = record.toUnicode().replace("Noto Sans", "Brand Sans")
        font["OS/2"].fsType = fs_type
        font.save(target)


@pytest.mark.parametrize("fs_type, embedded_too", [(0x0002, False), (0x0008, True)])
def test_a_brand_face_is_embedded_only_as_its_licence_allows(tmp_path, warm_cache, fs_type, embedded_too):
    from conftest import shipped_copy

    project = shipped_copy(tmp_path / "p", warm_cache)
    fonts = project / "fonts"
    fonts.mkdir()
    for style in ("Regular", "Bold"):
        face = POLICY.latin.faces[style]
        brand_face(face.path, fonts / f"BrandSans-{style}.ttf", fs_type)
    policy = (ROOT / "fonts" / "policy.toml").read_text(encoding="utf-8")
    (fonts / "policy.toml").write_text(policy.replace('families = ["Noto Sans"]', 'families = ["Brand Sans"]')
                                       .replace('latin = "Noto Sans"', 'latin = "Brand Sans"'), encoding="utf-8")
    result = run_cli("slides", "--quiet", "--out", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 0, result.stderr
    deck = tmp_path / "out" / f"{ID}.pptx"
    with zipfile.ZipFile(deck) as package:
        listed = etree.fromstring(package.read("ppt/presentation.xml")).iterfind(
            f"{{{PML}}}embeddedFontLst/{{{PML}}}embeddedFont/{{{PML}}}font")
        typefaces = {font.get("typeface") for font in listed}
    assert POLICY.deck_ea in typefaces
    assert ("Brand Sans" in typefaces) is embedded_too
    assert "Noto Sans" not in typefaces


def test_substitutes_must_be_a_list_of_family_names(tmp_path):
    from aimap_publish.errors import ContentError
    from aimap_publish.fonts import load_policy

    policy = (ROOT / "fonts" / "policy.toml").read_text(encoding="utf-8")
    (tmp_path / "policy.toml").write_text(policy.replace('substitutes = ["DejaVu Sans"]', 'substitutes = "DejaVu Sans"'),
                                          encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_policy(tmp_path / "policy.toml")
    [problem] = caught.value.problems
    assert problem.path == "deck.substitutes" and "list of font family names" in problem.message
    assert problem.line == policy.splitlines().index('substitutes = ["DejaVu Sans"]') + 1
