"""Rebuild src/aimap_publish/resources/icc/FOGRA39.icc, the print edition's CMYK output intent:
Coated FOGRA39 (ISO 12647-2) made with ArgyllCMS's colprof from the characterization data
Debian ships in icc-profiles-free (FOGRA39L.ti3).

    apt-get install argyll icc-profiles-free
    .venv/bin/python tools/print-profile.py

The profile ships with the package, so no build pays the ~15 s colprof takes. The ICC header's
creation date is the only thing that differs between two runs: it is fixed, so the same data
gives the same bytes (tests/test_preflight.py checks the profile against the measurements).
The measurements colprof copies into the profile (tags targ, DevD, CIED: 127 KB, which a PDF
writer stores three times over) are left out; no colour conversion reads them.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE = Path("/usr/share/color/icc/FOGRA39L.ti3")
TARGET = Path(__file__).resolve().parents[1] / "src" / "aimap_publish" / "resources" / "icc" / "FOGRA39.icc"
ICC_DATE = (2009, 1, 1, 0, 0, 0)      # FOGRA39's year
UNUSED_TAGS = {b"targ", b"DevD", b"CIED"}


def without_tags(profile: bytes, dropped: set[bytes]) -> bytes:
    """The ICC profile rebuilt without the `dropped` tags: header, tag table, then each kept
    tag's data once (tags that shared data still share it), 4-byte aligned."""
    count = struct.unpack(">I", profile[128:132])[0]
    entries = [(profile[132 + 12 * i:136 + 12 * i], *struct.unpack(">II", profile[136 + 12 * i:144 + 12 * i]))
               for i in range(count)]
    kept = [entry for entry in entries if entry[0] not in dropped]
    offset = 132 + 12 * len(kept)
    placed: dict[tuple[int, int], int] = {}
    table, body = b"", b""
    for signature, start, size in kept:
        if (start, size) not in placed:
            placed[(start, size)] = offset + len(body)
            body += profile[start:start + size]
            body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", placed[(start, size)], size)
    header = bytearray(profile[:128])
    header[0:4] = struct.pack(">I", offset + len(body))
    return bytes(header) + struct.pack(">I", len(kept)) + table + body


def main() -> int:
    if not SOURCE.exists() or not shutil.which("colprof"):
        print("print-profile: needs Debian packages argyll and icc-profiles-free", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(SOURCE, Path(work) / "FOGRA39L.ti3")
        subprocess.run(["colprof", "-qm", "-bl", "-D", "Coated FOGRA39 (ISO 12647-2:2004)",
                        "-C", "Characterization data FOGRA39L, icc-profiles-free", "-O", "FOGRA39.icc",
                        "FOGRA39L"], cwd=work, check=True, capture_output=True)
        profile = bytearray((Path(work) / "FOGRA39.icc").read_bytes())
    profile[24:36] = struct.pack(">6H", *ICC_DATE)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(without_tags(bytes(profile), UNUSED_TAGS))
    print(f"print-profile: wrote {TARGET.relative_to(Path.cwd()) if TARGET.is_relative_to(Path.cwd()) else TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
