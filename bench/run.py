"""`make bench`: each target of the build measured on this machine, beside the peers a user
would pick instead, and the engines' own floors.

Runs on the shipped report, on a generated report ten times larger and on one at README's
limits (`check` and one cold build: bench/limits.py), and writes
docs/BENCHMARKS.md. Every scenario that a user runs from the command line runs as a fresh
process (start-up included), BENCH_RUNS times (default 5): the median, the spread (min-max),
the CPU time (user + sys, the build's own children included) and the peak memory of the
process tree are reported. Stages and floors run in this process after a warm-up, so imports
are excluded. Peers: Typst setting the same text as a PDF, pandoc's PowerPoint writer making a
deck of it (bench/peers.py); floors: WeasyPrint rendering the HTML we generate, the matplotlib
painter drawing the already computed layouts, python-pptx writing the same shapes from the
positions the deck already has.
"""
from __future__ import annotations

import copy
import dataclasses
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CLI = [sys.executable, "-m", "aimap_publish"]
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}
TIME = "/usr/bin/time"              # GNU time (Debian's time, tools/bench-packages.txt)


@dataclass(frozen=True)
class Sample:
    wall: float          # seconds
    cpu: float           # user + sys of the process and the children it waited for
    peak_mb: float       # largest resident set of the process and those children


@dataclass(frozen=True)
class Measured:
    samples: tuple[Sample, ...]

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def spread(self) -> tuple[float, float]:
        return min(s.wall for s in self.samples), max(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)


def timed(command: list[str], cwd: Path) -> Sample:
    """One run of `command` as a fresh process, under GNU time (a small parent, so the peak
    memory is the command's own and its children's, not this process's); fails loudly if the
    command does."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%U %S %M", "-o", report.name, *command], cwd=cwd, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, command))} failed ({proc.returncode}):\n{proc.stderr}")
        user, system, peak_kb = report.read().split()[-3:]
    return Sample(wall, float(user) + float(system), int(peak_kb) / 1024)


def measure(command: list[str], cwd: Path, before=None, runs: int = RUNS) -> Measured:
    """`runs` runs of `command`, each after `before()` (an edit, say; not timed)."""
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(timed(command, cwd))
    return Measured(tuple(samples))


def _median_time(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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


def scenarios(data: Path, tmp: Path, every: bool = True, runs: int = RUNS) -> dict[str, Measured]:
    """The commands a user runs, each as a fresh process (only the cold build unless `every`)."""
    out: dict[str, Measured] = {}
    samples = []
    for n in range(runs):
        fresh = project(tmp / f"cold-{n}", data)
        samples.append(timed([*CLI, "build", "--quiet"], fresh))
        shutil.rmtree(fresh)
    out[COLD] = Measured(tuple(samples))
    if not every:
        return out
    work = project(tmp / "work", data)
    subprocess.run([*CLI, "build", "--quiet"], cwd=work, check=True, env=ENV, capture_output=True)
    edit = _editor(work / "data" / "report.yaml")
    out[PDF_EDIT] = measure([*CLI, "pdf", "--quiet", "--edition", "print"], work, before=edit)
    out["`make slides` after a paragraph edit"] = measure([*CLI, "slides", "--quiet"], work, before=edit)
    out["`build` after a paragraph edit (everything)"] = measure([*CLI, "build", "--quiet"], work, before=edit)
    out[WATCH] = watch_edits(work, edit)
    return out


COLD = "cold build (new project: figures, both PDFs, deck, web)"
CHECK_LIMITS = "`check` (every slide and page element fitted)"
PDF_EDIT = "`make pdf` after a paragraph edit (print PDF)"
WATCH = "watch: a paragraph edit to the preview, screen PDF and deck"


def _editor(report: Path):
    """An edit of one paragraph's Chinese text (new characters each time, as a writer's)."""
    text = report.read_text(encoding="utf-8")
    edits = iter(range(10_000))

    def edit():
        report.write_text(text.replace("我们发现", f"我们在{next(edits)}次走访中发现", 1), encoding="utf-8")
    return edit


def watch_edits(work: Path, edit) -> Measured:
    """A real `aimap-publish watch` (with its live preview): from the save to its line saying the
    preview, the screen PDF and the deck were rebuilt."""
    proc = subprocess.Popen([*CLI, "watch", "--port", "0"], cwd=work, env=ENV, stderr=subprocess.PIPE, text=True)
    samples = []
    try:
        _until_rebuilt(proc)                               # the first build
        for _ in range(RUNS):
            time.sleep(0.3)
            start = time.perf_counter()
            edit()
            _until_rebuilt(proc)
            samples.append(Sample(time.perf_counter() - start, float("nan"), float("nan")))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return Measured(tuple(samples))


def _until_rebuilt(proc) -> None:
    for line in proc.stderr:
        if line.startswith("watch: rebuilt in"):
            return
        if line.startswith("watch: not rebuilt"):
            raise RuntimeError(f"watch did not rebuild: {line}")
    raise RuntimeError("watch ended before rebuilding")


def at_the_limits(tmp: Path) -> dict:
    """`check` and a cold build of a report at README's limits (bench/limits.py)."""
    import limits

    tmp.mkdir(parents=True, exist_ok=True)
    held = limits.at_limits(ROOT / "data" / "report.yaml", tmp / "report.yaml")
    check = measure([*CLI, "check", "--quiet"], limits.project(tmp / "check", tmp / "report.yaml"), runs=3)
    cold = timed([*CLI, "build", "--quiet"], limits.project(tmp / "cold", tmp / "report.yaml"))     # once: minutes
    return {"held": held, "scenarios": {CHECK_LIMITS: check, COLD: Measured((cold,))}}


def peers(data: Path, tmp: Path) -> dict[str, tuple[Measured, Measured | None]]:
    """Ours after a paragraph edit beside the peer setting the same text (None: not installed)."""
    import peers as peer

    work = project(tmp / "peers", data)
    subprocess.run([*CLI, "build", "--quiet"], cwd=work, check=True, env=ENV, capture_output=True)
    edit = _editor(work / "data" / "report.yaml")
    typ, md = tmp / "peer.typ", tmp / "peer.md"
    typ.write_text(peer.typst_source(data), encoding="utf-8")
    md.write_text(peer.markdown_source(data), encoding="utf-8")
    rows: dict[str, tuple[Measured, Measured | None]] = {}
    typst = peer.typst_command(typ, tmp / "peer.pdf")
    if typst:
        peer.check(typst, tmp / "peer.pdf")
    rows["PDF: ours (print, after an edit) / Typst (same text)"] = (
        measure([*CLI, "pdf", "--quiet", "--edition", "print"], work, before=edit),
        measure(typst, tmp) if typst else None)
    pandoc = peer.pandoc_command(md, tmp / "peer.pptx")
    if pandoc:
        peer.check(pandoc, tmp / "peer.pptx")
    rows["deck: ours (after an edit) / pandoc's PowerPoint writer (same text)"] = (
        measure([*CLI, "slides", "--quiet"], work, before=edit), measure(pandoc, tmp) if pandoc else None)
    return rows


def start_up() -> Measured:
    """A fresh Python importing the engines (WeasyPrint, python-pptx): the floor under every command."""
    return measure([sys.executable, "-c", "import weasyprint, pptx"], ROOT)


def test_suite() -> Measured | None:
    """`make test` once (BENCH_TESTS=0 leaves it out)."""
    if os.environ.get("BENCH_TESTS", "1") == "0":
        return None
    return Measured((timed(["make", "test"], ROOT),))


def stages_and_floors(data: Path, tmp: Path, runs: int = RUNS) -> dict[str, tuple[float, float | None]]:
    """Each stage alone (warm, in this process) beside the engine's floor for the same work."""
    def median_time(fn):
        return _median_time(fn, runs)
    work = project(tmp / "project", data)
    data = work / "data" / "report.yaml"
    options = recipe.Options.of(find_project(data), quiet=True)
    recipe.keep_caches_in_project(options)
    loaded = load_report(data)
    look = recipe.check_content(loaded, options)
    policy, theme = look.policy, look.theme
    icons = recipe._icons(loaded, look, options)
    report, edition = loaded.report, options.edition
    rows: dict[str, tuple[float, float | None]] = {}
    rows["load content"] = (median_time(lambda: load_report(data)), None)
    rows["check content"] = (median_time(lambda: recipe.check_content(loaded, options)), None)

    laid_out = recipe.lay_out_figures(loaded, look, options)[options.lang]

    figure_cache = options.cache / "figures"

    def draw_cold():
        shutil.rmtree(figure_cache, ignore_errors=True)
        return figures.draw_figures(report, policy, theme, edition, figure_cache, options.cache / "icons", laid_out)
    drawn = draw_cold()
    paint_mpl.setup(policy)

    def paint_only():
        for files in drawn.values():
            paint_mpl.paint(files.drawing, policy, theme, options.cache / "icons", "svg")
            paint_mpl.paint(files.drawing, policy, theme, options.cache / "icons", "png",
                            figures.slide_scale(files.drawing, theme), 220)
    rows["draw figures (uncached)"] = (median_time(draw_cold), median_time(paint_only))
    rows["lay out and check figures"] = (median_time(lambda: recipe.lay_out_figures(loaded, look, options)), None)
    rows["draw figures (cached)"] = (median_time(lambda: figures.draw_figures(
        report, policy, theme, edition, figure_cache, options.cache / "icons", laid_out)), None)

    staging = recipe.Staging()

    def render(alone):
        """As the build renders (the pagination's search beside the remembered plan in a child)."""
        children: list = []
        recipe.render_pdfs(loaded, look, icons, drawn, alone, staging, children)()
        for child in children:
            child.join()
    for medium in ("print", "screen"):
        alone = dataclasses.replace(options, media=(medium,))
        render(alone)                                     # the plan to start from, as after a first build
        rows[f"render pdf ({medium})"] = (median_time(lambda: render(alone)),
                                          median_time(lambda: weasyprint_floor(loaded, look, icons, drawn, alone, tmp)))
    staging.discard()
    deck_file = tmp / "deck.pptx"
    context = deck.DeckContext(loaded, edition, policy, theme, drawn, options.cache / "icons")
    render_time = median_time(lambda: deck.render_deck(context, deck_file))
    plan = replay.extract(deck_file)
    rows["render slides"] = (render_time, median_time(lambda: replay.write(plan, tmp / "replayed.pptx")))
    return rows


def weasyprint_floor(loaded, look, icons, drawn, options, tmp: Path) -> None:
    """WeasyPrint alone: the same HTML, fetcher and options, none of our checks."""
    from weasyprint import HTML

    cache, templates = options.cache, options.project.templates
    roots = (*templates, ROOT / "fonts", cache, pdf.print_profile().parent)
    report = loaded.report
    for medium in options.media:
        assets = {f.id: pdf.FigureAsset(f.id, 1, figures.caption(f, report, look.theme), figures.describe(f, report),
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
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file()]
            rows[path.name + "/"] = f"{sum(p.stat().st_size for p in files) / 1024:.0f} KB in {len(files)} files"
            continue
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
            f"{'in use' if harfbuzz_subset is not None else 'MISSING (fontTools fallback, ~5x slower)'}; "
            f"peers: {_peer_versions()}")


def _peer_versions() -> str:
    try:
        import typst
        found = [f"Typst (Python binding) {typst.__version__}"]
    except ImportError:
        found = ["Typst not installed"]
    pandoc = shutil.which("pandoc")
    found.append(subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
                 if pandoc else "pandoc not installed")
    return ", ".join(found)


def main() -> None:
    from report_md import write_markdown

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        shipped = ROOT / "data" / "report.yaml"
        larger = ten_times(shipped, tmp / "report-10x.yaml")
        results = {}
        for name, data in (("shipped report", shipped), ("10x report", larger)):
            print(f"bench: {name}", file=sys.stderr, flush=True)
            slug = name.replace(" ", "-")
            results[name] = {
                "scenarios": scenarios(data, tmp / slug, every=data == shipped, runs=RUNS if data == shipped else 3),
                "stages": stages_and_floors(data, tmp / f"{slug}-stages", RUNS if data == shipped else 3),
                "sizes": sizes(tmp / f"{slug}-sizes", data),
            }
        print("bench: report at the limits", file=sys.stderr, flush=True)
        results["report at the limits"] = at_the_limits(tmp / "limits")
        print("bench: peers", file=sys.stderr, flush=True)
        against = peers(shipped, tmp / "peers")
        print("bench: make test", file=sys.stderr, flush=True)
        suite = test_suite()
        text = write_markdown(machine(), results, against, start_up(), suite, RUNS)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "BENCHMARKS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
