"""Property-based tests (Hypothesis): whatever the content, the loader and every renderer
either succeed or stop with a content error naming the problem; they never crash. Reports
composed from plausible parts (tests/reports.py) pass `check` and build every output, and most
small edits of the shipped report leave it a report that still checks."""
from __future__ import annotations

import contextlib
import copy
import io
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aimap_publish.build import Options, build
from aimap_publish.content import load_report
from aimap_publish.editions import EDITIONS
from aimap_publish.errors import ContentError
from aimap_publish.project import find_project
from conftest import REPORT, normalize, seed_cache
from reports import (CARD_TITLES, ITEMS, LAYER_NAMES, NOUNS, STAT_LABELS, TAG_NAMES, compose_paragraph,
                     reports, shape, text)

GOOD = yaml.safe_load(REPORT.read_text(encoding="utf-8"))    # never changed: edits work on copies
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=8)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, prefix + (i,))


def at(doc, path):
    for key in path:
        doc = doc[key]
    return doc


ALL_PATHS = [p for p in paths(GOOD) if p]
TEXTS = [p for p in ALL_PATHS if isinstance(at(GOOD, p), dict) and set(at(GOOD, p)) == {"zh", "en"}]
# Lists an editor lengthens and shortens freely: no definition or figure hangs on one item.
EDITABLE = {"items": 8, "points": 4, "flow": 6, "keywords": 20}
LIST_ITEMS = [p for p in ALL_PATHS if len(p) > 1 and isinstance(p[-1], int) and p[-2] in EDITABLE]
SHORT_TEXTS = NOUNS + ITEMS + CARD_TITLES + TAG_NAMES + LAYER_NAMES + STAT_LABELS
ODD_VALUES = (None, True, 7, 2.5, "", "中国AI", [], [1, 2], {"x": 1}, {"zh": "只有中文"})
EDITS = ("retext",) * 4 + ("drop", "drop", "copy", "copy") + ("delete", "replace", "add")


def mutate(doc, path, action, value):
    """A copy of `doc` with one edit: delete the node at `path`, replace it with `value`,
    insert `value` before it in its list, or ("add") give its mapping an unknown key."""
    doc = copy.deepcopy(doc)
    *parents, last = path
    node = at(doc, parents)
    if action == "delete":
        del node[last]
    elif action == "replace":
        node[last] = copy.deepcopy(value)
    elif action == "insert" and isinstance(node, list):
        node.insert(last, copy.deepcopy(value))
    elif isinstance(node, dict):
        node[f"x{last}"] = copy.deepcopy(value)
    return doc


def edit(choose, odd_value):
    """(path, action, value): mostly an edit that keeps the report valid (a text replaced by
    another of its length, an item of a list dropped or repeated), sometimes one that breaks
    it (a node deleted or replaced by `odd_value()`, an unknown key)."""
    kind = choose(EDITS)
    if kind == "retext":
        path = choose(TEXTS)
        return path, "replace", retext(choose, at(GOOD, path))
    if kind in ("drop", "copy"):
        path = choose(LIST_ITEMS)
        siblings = at(GOOD, path[:-1])
        if kind == "drop" and len(siblings) > 1:
            return path, "delete", None
        if kind == "copy" and len(siblings) < EDITABLE[path[-2]]:
            return path, "insert", at(GOOD, path)
        return path, "replace", at(GOOD, path)          # no change: the list is at its bound
    return choose(ALL_PATHS), kind, odd_value()


def retext(choose, old: dict) -> dict:
    """A new bilingual text in the place of `old`: a short label for a label, sentences for
    a text of sentences."""
    if len(old["zh"]) <= 24:
        return text(*choose(SHORT_TEXTS))
    return compose_paragraph(choose, choose((1, 2, 3)))


@st.composite
def edits(draw):
    return edit(lambda pool: draw(st.sampled_from(pool)), lambda: draw(VALUES))


def load_text(tmp_path, text: str | bytes):
    path = tmp_path / "report.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    try:
        return load_report(path)
    except ContentError as error:
        assert error.problems and all(str(p).startswith(str(path.name)) or "report.yaml" in str(p)
                                      for p in error.problems)
        return None


def dump(doc) -> str:
    return yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


def write_project(root: Path, doc) -> Path:
    """A report project holding `doc` as its report file; returns the file."""
    (root / "aimap.toml").write_text('report = "report.yaml"\n', encoding="utf-8")
    data = root / "report.yaml"
    data.write_text(dump(doc), encoding="utf-8")
    return data


def check(data: Path) -> list[str]:
    """The problems `aimap-publish check --strict` finds in the report file (none: [])."""
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            build(Options.of(find_project(data), stages=frozenset(), quiet=True, strict=True))
    except ContentError as error:
        return [str(problem) for problem in error.problems]
    return []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=edits())
def test_loader_never_crashes_on_mutated_reports(tmp_path, change):
    loaded = load_text(tmp_path, yaml.safe_dump(mutate(GOOD, *change), allow_unicode=True))
    event("loads with no problem" if loaded is not None and not loaded.problems else "content problems")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400) | st.text(max_size=400))
def test_loader_never_crashes_on_arbitrary_bytes(tmp_path, raw):
    load_text(tmp_path, raw)


def test_most_edits_of_the_shipped_report_still_check(tmp_path):
    """A fixed set of edits like those the property above makes (seeded, so every run the
    same): most leave a report that checks (22 of these 30; 77 % of 200), so the edits reach
    the renderers, not only the loader."""
    outcomes = []
    for seed in range(30):
        rng = random.Random(seed)
        doc = mutate(GOOD, *edit(rng.choice, lambda: rng.choice(ODD_VALUES)))
        outcomes.append(not check(write_project(tmp_path, doc)))
    assert sum(outcomes) / len(outcomes) >= 0.6, f"{sum(outcomes)} of {len(outcomes)} edited reports check"
    assert GOOD == yaml.safe_load(REPORT.read_text(encoding="utf-8"))      # each edit worked on a copy


@pytest.fixture(scope="session")
def composed_project(tmp_path_factory) -> Path:
    """One project folder the composed reports are checked in, one after another, as an
    author rewrites a report (its cache of icons and font tables stays warm)."""
    return tmp_path_factory.mktemp("composed")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports())
def test_composed_reports_pass_check(composed_project, doc):
    for description in shape(doc):
        event(description)
    problems = check(write_project(composed_project, doc))
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def composed_cache(tmp_path_factory) -> Path:
    """A cache the builds of composed reports share, warmer after each (figures, icons, font
    tables, web fonts); each project gets a copy, as a second build of a project would."""
    return tmp_path_factory.mktemp("composed-cache")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(most_sections=2), lang=st.sampled_from(sorted(EDITIONS)))
def test_composed_reports_build_every_output(composed_cache, doc, lang):
    for description in [f"edition: {lang}", *shape(doc)]:
        event(description)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        options = Options.of(find_project(write_project(root, doc)), lang=lang, media=("screen",), quiet=True)
        seed_cache(root, composed_cache)
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                build(options)
        except ContentError as error:
            problems = [str(p) for p in error.problems]
            assert not problems, "\n".join(problems)
            return
        shutil.copytree(root / ".aimap-cache", composed_cache, ignore=shutil.ignore_patterns("plans"),
                        dirs_exist_ok=True)
        assert_outputs(options.out, doc, EDITIONS[lang])


def assert_outputs(out: Path, doc, edition) -> None:
    """The deck, the screen PDF with every section's heading, and the web page are there."""
    stem = doc["id"] + edition.suffix
    assert (out / f"{stem}.pptx").stat().st_size > 10_000
    assert (out / f"{stem}-web" / "index.html").stat().st_size > 1000
    pdf = subprocess.run(["pdftotext", str(out / f"{stem}-screen.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    for section in doc["sections"]:
        for lang in edition.langs:
            assert normalize(section["heading"][lang]) in normalize(pdf)
