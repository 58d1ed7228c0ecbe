"""WeasyPrint, imported once per process with a quicker library lookup.

WeasyPrint finds Pango, HarfBuzz and fontconfig by trying several names for each; every name it
cannot load goes to ctypes' find_library, which on Linux falls back to running gcc and ld (about
10 ms a miss, 19 misses: 0.2 s of every build). While WeasyPrint is imported, find_library answers
from the linker's cache (ldconfig -p) alone, which holds every library a Debian package installs.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from types import ModuleType


def load() -> ModuleType:
    """The weasyprint module, imported on first use."""
    if "weasyprint" not in sys.modules:
        with _libraries_from_the_linker_cache():
            import weasyprint  # noqa: F401
    return sys.modules["weasyprint"]


@contextmanager
def _libraries_from_the_linker_cache():
    import ctypes.util

    from_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if from_cache is None:            # not Linux: find_library as it is
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: from_cache(name) or None
    try:
        yield
    finally:
        ctypes.util.find_library = original
