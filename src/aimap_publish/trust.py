"""What a build takes from a project's cache it did not just make.

A project may come with its `.aimap-cache/` (copied from a colleague, unpacked from a download).
Every cache entry is therefore named by a keyed hash (HMAC-SHA256) of what it depends on, under
a key of this user's that no project holds: an entry another machine or user wrote is never
found under the names this one looks for, so it is never read, and the entry is made again.
The key is 32 random bytes in `$XDG_CONFIG_HOME/aimap-publish/cache-key` (`~/.config/…`),
written once, readable by its user only; where it cannot be kept the key lives only as long as
the process (nothing cached is then reused by the next run, but nothing foreign is either).

SVG that is put into the web page as markup passes an allow-list of the elements and attributes
matplotlib's SVG writer makes (`svg_problem`), whatever its origin.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from functools import cache
from pathlib import Path

KEY_BYTES = 32


def key_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "aimap-publish" / "cache-key"


@cache
def _key() -> bytes:
    path = key_file()
    try:
        data = path.read_bytes()
        if len(data) == KEY_BYTES and path.stat().st_uid == os.getuid():
            return data
    except OSError:
        pass
    data = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".cache-key.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        try:
            os.link(tmp, path)        # the first process to keep a key wins; the others read it
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        kept = path.read_bytes()
        return kept if len(kept) == KEY_BYTES else data
    except OSError:
        return data                   # no place to keep it: this process's own key


def cache_name(*parts: str | bytes, length: int = 20) -> str:
    """The name of the cache entry made from `parts` (hex, `length` characters): keyed, so only
    this user's builds arrive at it."""
    mac = hmac.new(_key(), digestmod=hashlib.sha256)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        mac.update(len(data).to_bytes(8, "big") + data)
    return mac.hexdigest()[:length]


# ---- SVG put into the page ----------------------------------------------------------------

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
ELEMENTS = {"svg", "g", "defs", "clipPath", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
            "text", "tspan", "image", "use", "style", "title", "desc"}
ATTRIBUTES = {"id", "class", "style", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d",
              "points", "width", "height", "viewBox", "version", "transform", "clip-path", "type",
              "preserveAspectRatio", "fill", "stroke", "stroke-width", "opacity", "font-family", "font-size",
              "font-weight", "text-anchor", "dominant-baseline", "aria-hidden", "focusable",
              "{http://www.w3.org/XML/1998/namespace}space"}
HREF = re.compile(r"^(#[\w.-]+|data:image/(png|jpeg);base64,[\sA-Za-z0-9+/=]*)$")
CSS_UNSAFE = re.compile(r"@|\\|<|expression|javascript:|url\((?!\s*['\"]?#)", re.I)


def svg_element(svg: str) -> str:
    """An SVG file as an element of a page: its prolog and metadata left out."""
    svg = re.sub(r"^.*?(?=<svg)", "", svg, flags=re.S)
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)


def svg_problem(svg: str) -> str | None:
    """None when the element of the SVG file `svg` (`svg_element`) holds only what the figure
    painter writes; else what does not belong."""
    import xml.etree.ElementTree as ET

    svg = svg_element(svg)
    if re.search(r"<!|<\?", svg):
        return "a declaration or processing instruction"
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as error:
        return f"not well-formed ({error})"
    for element in root.iter():
        namespace, _, name = element.tag.rpartition("}")
        if namespace.lstrip("{") != SVG_NS or name not in ELEMENTS:
            return f"the element <{name}>"
        for attribute, value in element.attrib.items():
            if attribute == f"{{{XLINK_NS}}}href" or attribute == "href":
                if not HREF.match(value):
                    return f"a link to {value[:40]!r}"
            elif attribute not in ATTRIBUTES:
                return f"the attribute {attribute.rpartition('}')[2]!r}"
            elif CSS_UNSAFE.search(value):
                return f"the value {value[:40]!r}"
        if name == "style" and CSS_UNSAFE.search(element.text or ""):
            return "a style sheet reaching outside the figure"
    return None
