"""Property-based tests (Hypothesis): whatever the content, the loader and every renderer
either succeed or stop with a content error naming the problem; they never crash."""
from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aimap_publish.build import Options, build
from aimap_publish.project import find_project
from aimap_publish.content import load_report
from aimap_publish.errors import ContentError
from conftest import REPORT

GOOD = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=8)
# Text an editor might paste: Chinese, Latin, digits, punctuation, markup and template syntax.
ALPHABET = st.sampled_from(list("中国人工智能产业生态创新AIabcXYZ 0123，。、“”（）()<>&{}%#*/\\'\"—·…"))
TEXTS = st.text(ALPHABET, min_size=1, max_size=120)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, prefix + (i,))


ALL_PATHS = [p for p in paths(GOOD) if p]


def mutate(doc, path, action, value):
    doc = copy.deepcopy(doc)
    *parents, last = path
    node = doc
    for key in parents:
        node = node[key]
    if action == "delete":
        del node[last]
    elif action == "replace":
        node[last] = value
    elif isinstance(node, dict):
        node[f"x{last}"] = value
    return doc


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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(ALL_PATHS), action=st.sampled_from(["delete", "replace", "add"]), value=VALUES)
def test_loader_never_crashes_on_mutated_reports(tmp_path, path, action, value):
    doc = mutate(GOOD, path, action, value)
    load_text(tmp_path, yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400) | st.text(max_size=400))
def test_loader_never_crashes_on_arbitrary_bytes(tmp_path, raw):
    load_text(tmp_path, raw)


@st.composite
def reports(draw):
    """A valid report shape with generated texts and 2–8 regions, 2–5 layers, uneven lists."""
    doc = copy.deepcopy(GOOD)
    text = lambda: {"zh": draw(TEXTS), "en": draw(TEXTS)}  # noqa: E731
    n_regions = draw(st.integers(2, 8))
    regions = []
    for i in range(n_regions):
        region = copy.deepcopy(GOOD["regions"][i % len(GOOD["regions"])])
        region.update(id=f"r{i}", place=text(), summary=text())
        regions.append(region)
    n_layers = draw(st.integers(2, 5))
    layers = [{"id": f"l{j}", "name": text(), "items": [text() for _ in range(draw(st.integers(1, 6)))],
               "regions": [f"r{draw(st.integers(0, n_regions - 1))}"]} for j in range(n_layers)]
    doc.update(regions=regions, layers=layers)
    doc["tags"] = GOOD["tags"][:1] + [{"id": "application", "label": text(), "layer": "l0"}][:0] + GOOD["tags"][1:]
    doc["tags"][0] = {"id": "application", "label": text(), "layer": "l0"}
    for tag in doc["tags"]:
        if tag.get("layer") in ("model", "foundation"):
            tag["layer"] = f"l{1 if tag['layer'] == 'model' else n_layers - 1}"
    doc["figures"][0]["data"]["regions"] = [r["id"] for r in regions]
    doc["figures"][1]["data"]["layers"] = [layer["id"] for layer in layers]
    doc["sections"][0]["blocks"][0]["text"] = text()
    doc["sections"][1]["blocks"][2]["items"] = [{"region": r["id"], "text": text()} for r in regions]
    return doc


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(doc=reports(), lang=st.sampled_from(["bilingual", "zh", "en"]))
def test_every_renderer_builds_or_reports_a_content_error(tmp_path, doc, lang):
    data = tmp_path / "report.yaml"
    data.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    options = Options.of(find_project(data), lang=lang, media=("screen",), quiet=True)
    try:
        written = build(options)
    except ContentError as error:
        assert error.problems
        event("content error")
        return
    event("built")
    outputs = [path for path in written if path.parent == options.out]
    assert len(outputs) == 2 and all(path.stat().st_size > 1000 for path in written)
