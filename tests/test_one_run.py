"""One run of `check` says everything: content problems, text that does not fit its slide and
figures a page cannot hold, together, sorted by line; one problem per field; errors and
warnings counted apart; and `watch` says each problem once."""
from __future__ import annotations

from aimap_publish.build import Options
from aimap_publish.cli import main
from aimap_publish.project import find_project
from aimap_publish.watch import watch
from conftest import REPORT, run_broken

GOOD = REPORT.read_text(encoding="utf-8")
F = "data/report.yaml"
TITLE = "中国AI创新：六种范式，一个系统化生态"


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(needle: str) -> int:
    return GOOD[: GOOD.index(needle)].count("\n") + 1


TALL = ("{zh: 政策资本与供应链在一线协同推进从首个原型到规模量产政策资本与供应链在一线协同推进从首个原型到规模量产"
        "政策资本与供应链在一线协同推进从首个原型到规模量产政策资本与供应链在一线协同推进, "
        "en: Policy capital and the supply chain working together on the ground from the first prototype to "
        "mass production}")


def too_tall(text: str) -> str:
    """The industry structure with eight very long items more in each layer (twelve, the most):
    taller than a page in any of its arrangements."""
    for item in ("{zh: 自动化, en: Automation}", "{zh: 开发工具, en: Dev Tools}", "{zh: 云基础设施, en: Cloud Infra}"):
        text = sub(text, f"      - {item}\n", f"      - {item}\n" + f"      - {TALL}\n" * 8)
    return text


def test_content_slide_and_page_problems_come_in_one_run(project, capsys):
    bad = sub(GOOD, "date: 2026-03-15", "date: 2026-13-45")
    bad = sub(bad, f"title: {{zh: {TITLE},", f"title: {{zh: {TITLE * 3},")
    bad = too_tall(bad)
    lines = run_broken(project, capsys, bad, ["check"])
    figure_line = bad[: bad.index("  - id: industry-structure")].count("\n") + 1
    assert [line.split(": ", 2)[:2] for line in lines] == [
        [f"{F}:{line_of('date: 2026')}", "date"],
        [f"{F}:{figure_line + 2}", "figures[1].title.zh"],
        [f"{F}:{figure_line + 4}", "figures[1].data"],
        [f"{F}:{bad[: bad.index(TITLE)].count(chr(10)) + 1}", "sections[0].slide.title.zh"],
    ]
    assert "does not fit a slide with its text at 16 pt even in parts" in lines[1]
    assert "more than the 235 mm a page holds" in lines[2]
    assert "text does not fit even at 24 pt" in lines[3]


def test_slides_are_fitted_around_a_broken_card(project, capsys):
    """The card with a problem is left out of the fitting; everything else is still fitted."""
    bad = sub(GOOD, "          - region: lingang\n", "          - regoin: lingang\n")
    bad = sub(bad, f"title: {{zh: {TITLE},", f"title: {{zh: {TITLE * 3},")
    lines = run_broken(project, capsys, bad, ["check"])
    assert [line.split(": ", 2)[1] for line in lines] == ["sections[0].slide.title.zh", "sections[1].blocks[2].items[5].regoin"]


def test_a_misspelt_card_title_is_one_problem(project, capsys):
    old = "          - title: {zh: 创新集群效应, en: Cluster Network Effects}"
    lines = run_broken(project, capsys, sub(GOOD, old, old.replace("title:", "titel:")), ["check"])
    assert lines == [f"{F}:{line_of(old)}: sections[3].blocks[0].items[1].titel: unknown field 'titel' "
                     "(did you mean 'title'?)"]


def test_a_misspelt_id_is_one_problem_not_one_per_reference(project, capsys):
    lines = run_broken(project, capsys, sub(GOOD, "  - id: awe\n", "  - idd: awe\n"), ["check"])
    assert lines == [f"{F}:{line_of('  - id: awe')}: regions[0].idd: unknown field 'idd' (did you mean 'id'?)"]


def test_the_summary_counts_errors_and_warnings_apart(project, capsys):
    bad = sub(sub(GOOD, "它们之间相互补充，", "它们之间相互补充,"), "date: 2026-03-15", "date: 2026-13-45")
    lines = run_broken(project, capsys, bad, ["check"])
    assert lines == [
        f"{F}:{line_of('date: 2026')}: date: expected a date (YYYY-MM-DD), found str '2026-13-45'",
        f"{F}:{line_of('它们之间相互补充')}: sections[1].blocks[0].text.zh: warning: ASCII ',' inside Chinese text "
        "(use '，')"]
    main(["check", "--quiet"])
    assert capsys.readouterr().err.splitlines()[-1] == "aimap-publish: 1 error, 1 warning; nothing was written"


def test_warnings_alone_pass_with_their_count(project, capsys):
    project(sub(GOOD, "它们之间相互补充，", "它们之间相互补充,"))
    assert main(["check", "--quiet"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{F}:{line_of('它们之间相互补充')}: sections[1].blocks[0].text.zh: warning: ASCII ',' inside Chinese text "
        "(use '，')",
        "aimap-publish: 0 errors, 1 warning"]


def test_watch_says_each_warning_once(project, capsys):
    path = project(sub(GOOD, "它们之间相互补充，", "它们之间相互补充,"))
    watch(Options.of(find_project(path), media=("screen",)), stop_after=1, port=0)
    err = capsys.readouterr().err
    assert err.count("warning: ASCII ','") == 1
    assert "watch: rebuilt in " in err
