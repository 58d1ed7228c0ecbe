"""Where a report lives: the project folder, its overrides, its cache and the packaged defaults.

A report project is a folder holding its report file and, optionally, overrides beside it:
`theme.toml` (colours, type, spacing), `templates/` (a file there shadows the packaged template
of the same name) and `fonts/` (the font policy, brand fonts). `aimap.toml` marks the folder
and names the report file; without it, the report file's own folder is the project. Outputs go
to the project's dist/ (figures in dist/figures/), caches to its .aimap-cache/, never into the
install.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .errors import ContentError, Problem, UsageError
from .settings import line_of, read_toml

MARKER = "aimap.toml"
DEFAULT_REPORT = "report.yaml"
RESOURCES = Path(str(files("aimap_publish") / "resources"))


@dataclass(frozen=True)
class Project:
    root: Path                     # the project folder
    data: Path                     # its report file

    @property
    def cache(self) -> Path:
        return self.root / ".aimap-cache"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def templates(self) -> tuple[Path, ...]:
        """Template folders, first match wins: the project's own, then the packaged ones."""
        return _existing(self.root / "templates", RESOURCES / "templates")

    @property
    def font_policy(self) -> Path:
        own = self.root / "fonts" / "policy.toml"
        return own if _present(own) else RESOURCES / "fonts" / "policy.toml"

    @property
    def brand_fonts(self) -> Path:
        """Where the user's own font files are looked for first."""
        return self.root / "fonts"

    @property
    def theme_file(self) -> Path | None:
        own = self.root / "theme.toml"
        return own if _present(own) else None

    def links_out(self) -> list[Problem]:
        """Symbolic links in the project to anything outside it, where the tool reads (theme,
        fonts, templates) or writes (its cache, its outputs): a shared project uses only its own
        files, and a build writes only inside it or where the user says."""
        from .errors import display_path

        root = self.root.resolve()
        found = []
        places = [self.root / "theme.toml", self.root / "fonts", self.root / "templates", self.cache, self.dist]
        for folder in (self.root / "fonts", self.root / "templates", self.cache):
            if folder.is_dir() and not folder.is_symlink():
                places += sorted(folder.rglob("*"))[:10_000]
        for path in places:
            if not path.is_symlink():
                continue
            try:
                inside = path.resolve().is_relative_to(root)
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                found.append(Problem(str(Path(display_path(path.parent)) / path.name), 0, "", "a symbolic link out of the project: a shared project "
                                     "reads and writes only inside its folder; put the file or folder itself there"))
        return found

    def watched(self) -> list[Path]:
        """Every file a build reads that an editor changes."""
        files_ = [self.data, self.root / MARKER, self.root / "theme.toml", self.font_policy]
        for folder in self.templates:
            files_ += sorted(folder.rglob("*"))
        return [path for path in files_ if path.is_file()]


def find_project(data: Path | None = None, root: Path | None = None, cwd: Path | None = None) -> Project:
    """The project of `data` (the nearest folder at or above it with aimap.toml, else its own
    folder), or the one `root` names, or the one the working folder is in."""
    cwd = Path.cwd() if cwd is None else cwd
    if root is not None:
        if not root.is_dir():
            raise UsageError(f"--project {root}: no such folder")
        root = root.resolve()
        return Project(root, _resolve(data, cwd) if data else _report_of(root))
    if data is not None:
        data = _resolve(data, cwd)
        marked = _marked_folder(data.parent)
        return Project(marked or data.parent, data)
    marked = _marked_folder(cwd.resolve())
    if marked is not None:
        return Project(marked, _report_of(marked))
    if (cwd / DEFAULT_REPORT).is_file():
        return Project(cwd.resolve(), (cwd / DEFAULT_REPORT).resolve())
    raise UsageError(f"no report here: run in a report project (a folder with {MARKER} or {DEFAULT_REPORT}), "
                     f"give --data FILE or --project DIR, or start one with `aimap-publish init DIR`")


def _resolve(path: Path, cwd: Path) -> Path:
    try:
        return (cwd / path).resolve()
    except (RuntimeError, OSError):            # Python 3.11 reports a symlink loop as RuntimeError
        raise UsageError(f"{path}: a symbolic link loop: give the report file itself")


def _marked_folder(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def _report_of(root: Path) -> Path:
    """The report file the project's aimap.toml names (report.yaml when it names none)."""
    marker = root / MARKER
    if not marker.is_file():
        return root / DEFAULT_REPORT
    data, lines, name = read_toml(marker)
    problems = [Problem(name, line_of(lines, key), key, f"unknown key '{key}' (expected: report)")
                for key in data if key != "report"]
    report = data.get("report", DEFAULT_REPORT)
    if not isinstance(report, str) or not report.strip() or "\0" in report:
        problems.append(Problem(name, line_of(lines, "report"), "report", "expected the report file's path"))
    elif not (root / report).resolve().is_relative_to(root.resolve()):
        # a shared project names only its own files: nothing of another file is read or printed
        problems.append(Problem(name, line_of(lines, "report"), "report",
                                "the report file must lie inside the project's folder"))
    if problems:
        raise ContentError(problems)
    return (root / report).resolve()


def _present(path: Path) -> bool:
    """Whether the project has put something at `path` (a file, or anything else to be refused)."""
    return path.is_symlink() or path.exists()


def _existing(*folders: Path) -> tuple[Path, ...]:
    seen, out = set(), []
    for folder in folders:
        if folder.is_dir() and folder.resolve() not in seen:
            seen.add(folder.resolve())
            out.append(folder.resolve())
    return tuple(out)
