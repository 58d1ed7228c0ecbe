"""`make bench`: how long the stages take, against the engines' own floors.

Runs on the shipped report and on a generated report ten times larger, and writes
docs/BENCHMARKS.md. Scenarios that include start-up (cold build, `make pdf` with nothing
changed, edits) run as subprocesses; stages and floors run in this process after a warm-up, so
imports are excluded. Floors: WeasyPrint rendering the HTML we generate, the matplotlib painter
drawing the already computed layouts, python-pptx writing the same shapes from the positions
the deck already has.
"""
from __future__ import annotations

import copy
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from aimap_publish import build as recipe  # noqa: E402
from aimap_publish import deck, figures, pdf  # noqa: E402
from aimap_publish.content import load_report  # noqa: E402
from aimap_publish.figures import paint_mpl  # noqa: E402
from aimap_publish.project import find_project  # noqa: E402
import replay  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CLI = [sys.executable, "-m", "aimap_publish"]


def median_time(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(*args, cwd) -> None:
    subprocess.run([*args], cwd=cwd, check=True, capture_output=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def ten_times(report_file: Path, target: Path) -> Path:
    """The report with every section and figure repeated ten times (new ids)."""
    doc = yaml.safe_load(report_file.read_text(encoding="utf-8"))
    sections, figs = [], []
    for n in range(10):
        for figure in doc["figures"]:
            copy_ = copy.deepcopy(figure)
            copy_["id"] = f"{figure['id']}-{n}"
            figs.append(copy_)
        for section in doc["sections"]:
            copy_ = copy.deepcopy(section)
            copy_["id"] = f"{section['id']}-{n}"
            for block in copy_["blocks"]:
                if block["kind"] == "figure":
                    block["figure"] = f"{block['figure']}-{n}"
            sections.append(copy_)
    doc.update(sections=sections, figures=figs)
    target.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def project(tmp: Path, data: Path) -> Path:
    """A working folder holding only the report: figures/ and dist/ start empty there."""
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "data").mkdir(parents=True)
    shutil.copy(data, tmp / "data" / "report.yaml")
    (tmp / "aimap.toml").write_text('report = "data/report.yaml"\n', encoding="utf-8")
    return tmp


def scenarios(data: Path, tmp: Path) -> dict[str, float]:
    work = project(tmp, data)
    cli = CLI
    out: dict[str, float] = {}

    def cold():
        for folder in ("figures", "dist"):
            shutil.rmtree(work / folder, ignore_errors=True)
        run(*cli, "build", "--quiet", cwd=work)
    out["cold full build (figures, both PDFs, deck)"] = median_time(cold)
    out["peak memory of a build (MB)"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if data == ROOT / "data" / "report.yaml":
        run("make", "pdf", cwd=ROOT)
        out["`make pdf` with nothing changed"] = median_time(lambda: run("make", "pdf", cwd=ROOT))
    text = (work / "data/report.yaml").read_text(encoding="utf-8")
    edits = iter(range(1000))

    def paragraph_edit():
        (work / "data/report.yaml").write_text(text.replace("我们发现", f"我们发现{next(edits)}", 1), encoding="utf-8")
        run(*cli, "build", "--quiet", cwd=work)
    stamps = {p.name: p.stat().st_mtime_ns for p in (work / "figures").iterdir()}
    out["one-paragraph edit, then build"] = median_time(paragraph_edit)
    redrawn = [p.name for p in (work / "figures").iterdir()
               if not p.name.startswith(".") and p.stat().st_mtime_ns != stamps.get(p.name)]
    out["figure files redrawn by the paragraph edits"] = float(len(redrawn))
    out["warm rebuild after a paragraph edit (watch: screen PDF + deck)"] = warm_edit(work, text, edits)

    def figure_edit():
        (work / "data/report.yaml").write_text(text.replace("Dev Tools", f"Dev Tools {next(edits)}", 1), encoding="utf-8")
        run(*cli, "build", "--quiet", cwd=work)
    out["figure-data edit, then build"] = median_time(figure_edit)
    return out


def warm_edit(work: Path, text: str, edits) -> float:
    """What `watch` does after a save: rebuild the screen PDF and the deck in a warm process."""
    data = work / "data" / "report.yaml"
    options = recipe.Options.of(find_project(data), media=("screen",), quiet=True)
    recipe.build(options)

    def edit():
        data.write_text(text.replace("我们发现", f"我们发现{next(edits)}", 1), encoding="utf-8")
        recipe.build(options)
    return median_time(edit)


def stages_and_floors(data: Path, tmp: Path) -> dict[str, tuple[float, float | None]]:
    """Each stage alone (warm, in this process) beside the engine's floor for the same work."""
    options = recipe.Options.of(find_project(data), out=tmp / "dist", figures_dir=tmp / "figures", quiet=True)
    loaded = load_report(data)
    look = recipe.check_content(loaded, options)
    policy, theme = look.policy, look.theme
    icons = recipe._icons(loaded, look, options)
    report, edition = loaded.report, options.edition
    rows: dict[str, tuple[float, float | None]] = {}
    rows["load content"] = (median_time(lambda: load_report(data)), None)
    rows["check content"] = (median_time(lambda: recipe.check_content(loaded, options)), None)

    def draw_cold():
        shutil.rmtree(options.figures_dir, ignore_errors=True)
        return figures.draw_figures(report, policy, theme, edition, options.figures_dir, tmp / "icons", [])
    drawn = draw_cold()
    paint_mpl.setup(policy)

    def paint_only():
        for files in drawn.values():
            paint_mpl.paint(files.drawing, policy, theme, tmp / "icons", "svg")
            paint_mpl.paint(files.drawing, policy, theme, tmp / "icons", "png", figures.slide_scale(files.drawing, theme),
                            220)
    rows["draw figures (uncached)"] = (median_time(draw_cold), median_time(paint_only))
    rows["draw figures (cached)"] = (median_time(lambda: figures.draw_figures(
        report, policy, theme, edition, options.figures_dir, tmp / "icons", [])), None)

    staging = recipe.Staging()
    rows["render pdf (print + screen)"] = (
        median_time(lambda: recipe.render_pdfs(loaded, look, icons, drawn, options, staging)),
        median_time(lambda: weasyprint_floor(loaded, look, icons, drawn, options, tmp)))
    staging.discard()
    deck_file = tmp / "deck.pptx"
    context = deck.DeckContext(loaded, edition, policy, theme, drawn, tmp / "icons")
    render_time = median_time(lambda: deck.render_deck(context, deck_file))
    plan = replay.extract(deck_file)
    rows["render slides"] = (render_time, median_time(lambda: replay.write(plan, tmp / "replayed.pptx")))
    return rows


def weasyprint_floor(loaded, look, icons, drawn, options, tmp: Path) -> None:
    """WeasyPrint alone: the same HTML, fetcher and options, none of our checks."""
    from weasyprint import HTML

    cache, templates = options.cache, options.project.templates
    roots = (*templates, ROOT / "fonts", cache, options.figures_dir.resolve(), pdf.print_profile().parent)
    report = loaded.report
    for medium in options.media:
        assets = {f.id: pdf.FigureAsset(f.id, 1, figures.caption(f, report), figures.describe(f, report),
                                        pdf.figure_for(drawn[f.id].svg, medium, cache, look.theme))
                  for f in report.figures}
        profile = pdf.print_profile() if medium == "print" else None
        context = pdf.PageContext(loaded, options.edition, medium, look.policy, look.theme, assets, icons,
                                  pdf.share_qr(report.url, medium, look.theme), options.paper, profile)
        html = HTML(string=pdf.render_html(context, templates), base_url=str(templates[0]) + "/",
                    url_fetcher=pdf._fetcher(roots))
        html.write_pdf(tmp / f"floor-{medium}.pdf", **pdf._pdf_options(context, "floor"))


def sizes(tmp: Path, data: Path) -> dict[str, str]:
    out = tmp / "sizes"
    subprocess.run([*CLI, "build", "--quiet", "--data", str(data), "--out", str(out)], cwd=ROOT, check=True)
    rows = {}
    for path in sorted(out.iterdir()):
        line = f"{path.stat().st_size / 1024:.0f} KB"
        if path.suffix == ".pdf":
            pages = int(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout.split(
                "Pages:")[1].split()[0])
            line += f", {pages} pages, {path.stat().st_size / 1024 / pages:.0f} KB a page"
        rows[path.name] = line
    return rows


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    import matplotlib
    import pptx
    import weasyprint
    from weasyprint.text.ffi import harfbuzz_subset
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; "
            f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, matplotlib "
            f"{matplotlib.__version__}, python-pptx {pptx.__version__}; HarfBuzz subsetter: "
            f"{'in use' if harfbuzz_subset is not None else 'MISSING (fontTools fallback, ~5x slower)'}")


def main() -> None:
    from report_md import write_markdown

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        shipped = ROOT / "data" / "report.yaml"
        larger = ten_times(shipped, tmp / "report-10x.yaml")
        results = {}
        for name, data in (("shipped report", shipped), ("10x report", larger)):
            print(f"bench: {name}", file=sys.stderr, flush=True)
            results[name] = {
                "scenarios": scenarios(data, tmp / name.replace(" ", "-")),
                "stages": stages_and_floors(data, tmp / f"{name.replace(' ', '-')}-stages"),
                "sizes": sizes(tmp / f"{name.replace(' ', '-')}-sizes", data),
            }
        text = write_markdown(machine(), results, RUNS)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "BENCHMARKS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
