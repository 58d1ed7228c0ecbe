"""docs/BENCHMARKS.md from the numbers `bench/run.py` measured: the targets first (met, or the
measured floor that prevents them), then every scenario, the peers, the stages against their
floors and the outputs' sizes."""
from __future__ import annotations

import math

TARGET_PDF_EDIT_S = 2.5
TARGET_WATCH_S = 1.0
TARGET_TEST_S = 150.0
TARGET_BUSY = 0.7                # wall time at most this share of the CPU time
TARGET_MEMORY_MB = 500
TARGET_CHECK_LIMITS_S = 20.0
COLD_FLOOR = ("a new project remembers no pagination plan: its layouts come one after another before the print "
              "PDF can start in its child, and the figures are painted before both")


def write_markdown(machine: str, results: dict, peers: dict, start_up, suite, runs: int) -> str:
    from run import COLD, PDF_EDIT, WATCH

    shipped, larger = results["shipped report"], results["10x report"]
    lines = ["# Benchmarks", "", "Written by `make bench` (bench/run.py); do not edit by hand.", "",
             f"Machine: {machine}.", "",
             f"Every command runs {runs} times as a fresh process (start-up included): the median, the "
             "spread (min–max), the CPU time (user + sys, the build's children included) and the peak "
             "resident memory of the process tree.", ""]
    lines += _targets(shipped, larger, start_up, suite, COLD, PDF_EDIT, WATCH, results.get("report at the limits"))
    for name, result in results.items():
        lines += [f"## {name}", ""]
        if "held" in result:
            held = result["held"]
            lines += [f"{held['bytes']:,} bytes: {held['sections']} sections, {held['blocks']} blocks, "
                      f"{held['figures']} figures (bench/limits.py).", ""]
        lines += ["| command | median s | min–max s | CPU s | peak MB |", "|---|---|---|---|---|"]
        lines += [_row(k, m) for k, m in result["scenarios"].items()]
        if "stages" in result:
            lines += ["", "| stage (warm, in one process, imports excluded) | ours s | floor s | ratio |",
                      "|---|---|---|---|"]
            for stage, (ours, floor) in result["stages"].items():
                lines.append(f"| {stage} | {ours:.3f} | {floor:.3f} | {ours / floor:.2f} |" if floor else
                             f"| {stage} | {ours:.3f} | – | – |")
        if "sizes" in result:
            lines += ["", "| output | size |", "|---|---|"]
            lines += [f"| {k} | {v} |" for k, v in result["sizes"].items()]
        lines.append("")
    lines += ["## Peers", "",
              "The same text (every printed string of the shipped report, in both languages) set by what a "
              "user would pick instead. The peers draw no figures, check nothing and make no print-ready "
              "file (no bleed, no CMYK, no output intent); the gap is still what a user feels first.", "",
              "| comparison | ours median (min–max) s | ours peak MB | peer median (min–max) s | peer peak MB | ratio |",
              "|---|---|---|---|---|---|"]
    for name, (ours, peer) in peers.items():
        if peer is None:
            lines.append(f"| {name} | {_spread(ours)} | {ours.peak_mb:.0f} | not installed | – | – |")
        else:
            lines.append(f"| {name} | {_spread(ours)} | {ours.peak_mb:.0f} | {_spread(peer)} | {peer.peak_mb:.0f} | "
                         f"{ours.wall / peer.wall:.0f}× |")
    lines.append("")
    return "\n".join(lines) + "\n"


def _row(name: str, m) -> str:
    cpu = "–" if math.isnan(m.cpu) else f"{m.cpu:.2f}"
    peak = "–" if math.isnan(m.peak_mb) else f"{m.peak_mb:.0f}"
    return f"| {name} | {m.wall:.2f} | {m.spread[0]:.2f}–{m.spread[1]:.2f} | {cpu} | {peak} |"


def _spread(m) -> str:
    return f"{m.wall:.2f} ({m.spread[0]:.2f}–{m.spread[1]:.2f})"


def _targets(shipped: dict, larger: dict, start_up, suite, cold_name: str, pdf_name: str, watch_name: str,
             limits: dict | None = None) -> list[str]:
    scenarios, stages = shipped["scenarios"], shipped["stages"]
    rows = ["## Targets", "", "| target | measured | met | floor that prevents it, where missed |", "|---|---|---|---|"]
    cold = scenarios[cold_name]
    busy = cold.wall / cold.cpu
    rows.append(f"| cold build keeps both cores busy: wall ≤ {TARGET_BUSY} × CPU | {cold.wall:.2f} s wall for "
                f"{cold.cpu:.2f} s CPU = {busy:.2f} | {_met(busy <= TARGET_BUSY)} | "
                f"{'' if busy <= TARGET_BUSY else COLD_FLOOR} |")
    pdf = scenarios[pdf_name]
    print_floor = stages["render pdf (print)"][1] + start_up.wall
    rows.append(f"| `make pdf` after a paragraph edit ≤ {TARGET_PDF_EDIT_S} s | {_spread(pdf)} s | "
                f"{_met(pdf.wall <= TARGET_PDF_EDIT_S)} | "
                f"{'' if pdf.wall <= TARGET_PDF_EDIT_S else _floor(print_floor, start_up, stages['render pdf (print)'][1], 'print')} |")
    watch = scenarios[watch_name]
    screen_floor = stages["render pdf (screen)"][1]
    rows.append(f"| watch: a paragraph edit reaches the screen PDF and the deck in ≤ {TARGET_WATCH_S} s | "
                f"{_spread(watch)} s | {_met(watch.wall <= TARGET_WATCH_S)} | "
                f"{'' if watch.wall <= TARGET_WATCH_S else f'WeasyPrint alone lays out and writes the screen PDF in {screen_floor:.2f} s (one layout, warm)'} |")
    if suite is not None:
        rows.append(f"| `make test` ≤ {TARGET_TEST_S / 60:.1f} min | {suite.wall / 60:.2f} min (one run) | "
                    f"{_met(suite.wall <= TARGET_TEST_S)} | |")
    cold10 = larger["scenarios"][cold_name]
    ratio = cold10.wall / cold.wall
    rows.append(f"| 10× content in ≤ 10× the time (cold build) | {ratio:.1f}× ({cold10.wall:.1f} s) | "
                f"{_met(ratio <= 10)} | |")
    if limits is not None:
        from run import CHECK_LIMITS

        check = limits["scenarios"][CHECK_LIMITS]
        rows.append(f"| `check` of a report at README's limits ≤ {TARGET_CHECK_LIMITS_S:.0f} s | {_spread(check)} s | "
                    f"{_met(check.wall <= TARGET_CHECK_LIMITS_S)} | |")
    memory = max(m.peak_mb for result in (shipped, larger) for m in result["scenarios"].values()
                 if not math.isnan(m.peak_mb))
    rows.append(f"| peak memory ≤ {TARGET_MEMORY_MB} MB (any command, 10× report included) | {memory:.0f} MB | "
                f"{_met(memory <= TARGET_MEMORY_MB)} | |")
    return rows + [""]


def _floor(total: float, start_up, engine: float, medium: str) -> str:
    return (f"start-up with the engines' imports {start_up.wall:.2f} s + WeasyPrint alone on the {medium} PDF "
            f"{engine:.2f} s = {total:.2f} s")


def _met(ok: bool) -> str:
    return "yes" if ok else "no"
