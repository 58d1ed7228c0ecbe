"""docs/BENCHMARKS.md from the numbers `bench/run.py` measured, with each target met or not."""
from __future__ import annotations

TYPST_KB_PER_PAGE = 30


def write_markdown(machine: str, results: dict, runs: int) -> str:
    lines = ["# Benchmarks", "", "Written by `make bench` (bench/run.py); do not edit by hand.", "",
             f"Machine: {machine}.", "", f"Times are medians of {runs} runs, in seconds.", ""]
    for name, result in results.items():
        lines += [f"## {name}", "", "| scenario (with start-up) | time |", "|---|---|"]
        lines += [f"| {k} | {v:.2f} |" if "MB" not in k and "redrawn" not in k else f"| {k} | {v:.0f} |"
                  for k, v in result["scenarios"].items()]
        lines += ["", "| stage (warm, imports excluded) | ours | floor | ratio |", "|---|---|---|---|"]
        for stage, (ours, floor) in result["stages"].items():
            ratio = f"{ours / floor:.2f}" if floor else "–"
            lines.append(f"| {stage} | {ours:.3f} | {floor:.3f} | {ratio} |" if floor else
                         f"| {stage} | {ours:.3f} | – | – |")
        lines += ["", "| output | size |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in result["sizes"].items()]
        lines.append("")
    lines += targets(results)
    return "\n".join(lines) + "\n"


def targets(results: dict) -> list[str]:
    shipped, larger = results["shipped report"], results["10x report"]
    rows = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for stage, (ours, floor) in shipped["stages"].items():
        if floor:
            rows.append(f"| {stage}: own code within 1.25x of its floor | {ours / floor:.2f}x | "
                        f"{'yes' if ours / floor <= 1.25 else 'no'} |")
    nothing = shipped["scenarios"].get("`make pdf` with nothing changed", 0)
    rows.append(f"| `make pdf` with nothing changed under 0.1 s | {nothing:.3f} s | {'yes' if nothing < 0.1 else 'no'} |")
    cold = shipped["scenarios"]["cold full build (figures, both PDFs, deck)"]
    cold10 = larger["scenarios"]["cold full build (figures, both PDFs, deck)"]
    rows.append(f"| 10x report in at most 10x the time | {cold10 / cold:.1f}x | {'yes' if cold10 <= 10 * cold else 'no'} |")
    memory = max(r["scenarios"]["peak memory of a build (MB)"] for r in results.values())
    rows.append(f"| peak memory under 500 MB | {memory:.0f} MB | {'yes' if memory < 500 else 'no'} |")
    redrawn = shipped["scenarios"]["figure files redrawn by the paragraph edits"]
    rows.append(f"| a paragraph edit redraws no figure | {redrawn:.0f} files redrawn | {'yes' if not redrawn else 'no'} |")
    warm = shipped["scenarios"]["warm rebuild after a paragraph edit (watch: screen PDF + deck)"]
    rows.append(f"| watch: a paragraph edit visible in both outputs in under 1 s | {warm:.2f} s | "
                f"{'yes' if warm < 1 else 'no'} |")
    for name, result in results.items():
        size = next(v for k, v in result["sizes"].items() if k.endswith("-print.pdf"))
        per_page = float(size.rsplit(", ", 1)[1].split()[0])
        rows.append(f"| print PDF at most {TYPST_KB_PER_PAGE} KB a page (Typst, two CJK weights), {name} | "
                    f"{per_page:.0f} KB | {'yes' if per_page <= TYPST_KB_PER_PAGE else 'no'} |")
    return rows
