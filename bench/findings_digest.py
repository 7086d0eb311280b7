"""Fingerprint what `perfxl validate --format json` says about workbooks: a sha256 of its output and the findings per rule.

Each book is validated in a child process run in the book's folder with the bare file name, so the
``path`` inside the JSON (and so the digest) does not depend on where the book sits.  (A perfxl.toml or
pyproject.toml beside a book changes its findings: keep the books in a folder without one.)

  python bench/findings_digest.py BOOK…                  print each book's sha256 and counts
  python bench/findings_digest.py BOOK… --record FILE    also store them in FILE (other books there are kept)
  python bench/findings_digest.py BOOK… --check FILE     compare with FILE; exit 1 on any difference

FILE holds ``{book file name: {"sha256": …, "counts": {rule code: findings}}}``.  A check names every rule
whose count differs; equal counts with another sha256 mean the same number of findings of each rule but
other bytes (order, cells, values or messages).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TypedDict


class Digest(TypedDict):
    sha256: str
    counts: dict[str, int]


def perfxl_command() -> list[str]:
    """The perfxl of the running interpreter's environment (``python -m perfxl`` when there is no script)."""
    exe = Path(sys.executable).with_name("perfxl")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "perfxl"]


def validate_json(book: Path) -> bytes:
    """The stdout of `perfxl validate BOOK --format json`, run in the book's folder (exit 0 or 1 expected)."""
    proc = subprocess.run(
        [*perfxl_command(), "validate", book.name, "--format", "json"],
        cwd=book.resolve().parent,
        capture_output=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{book}: perfxl validate exited {proc.returncode}: {proc.stderr.decode().strip()}")
    return proc.stdout


def digest_of(output: bytes) -> Digest:
    """The sha256 of a JSON report and its findings per rule code (sorted by code)."""
    report = json.loads(output)
    counts = Counter(f["code"] for item in report["files"] for f in item["findings"])
    return {"sha256": hashlib.sha256(output).hexdigest(), "counts": dict(sorted(counts.items()))}


def digest(book: Path) -> Digest:
    return digest_of(validate_json(book))


def differences(name: str, recorded: Digest | None, now: Digest) -> list[str]:
    """What differs between a recorded digest and the current one, one line each (empty: identical)."""
    if recorded is None:
        return [f"{name}: not recorded"]
    lines = []
    for code in sorted(set(recorded["counts"]) | set(now["counts"])):
        before, after = recorded["counts"].get(code, 0), now["counts"].get(code, 0)
        if before != after:
            lines.append(f"{name}: {code} {before} → {after}")
    if recorded["sha256"] != now["sha256"]:
        what = "other findings" if lines else "same counts per rule, other bytes (order, cells, values or messages)"
        lines.append(f"{name}: sha256 {recorded['sha256'][:12]}… → {now['sha256'][:12]}… ({what})")
    return lines


def _load(path: Path) -> dict[str, Digest]:
    if not path.exists():
        return {}
    data: dict[str, Digest] = json.loads(path.read_text(encoding="utf-8"))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("books", nargs="+", type=Path)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--record", type=Path, metavar="FILE", help="store the digests in FILE")
    mode.add_argument("--check", type=Path, metavar="FILE", help="compare with FILE, exit 1 on a difference")
    args = parser.parse_args()
    digests = {book.name: digest(book) for book in args.books}
    for name, d in digests.items():
        total = sum(d["counts"].values())
        print(f"{name}: sha256 {d['sha256']}, {total:,} findings of {len(d['counts'])} rules")
        print("  " + ", ".join(f"{code} {n}" for code, n in d["counts"].items()))
    if args.record is not None:
        stored = _load(args.record) | digests
        text = json.dumps(dict(sorted(stored.items())), ensure_ascii=False, indent=2) + "\n"
        args.record.write_text(text, encoding="utf-8")
        print(f"recorded {len(digests)} book(s) in {args.record}")
    if args.check is not None:
        stored = _load(args.check)
        found = [line for name, d in digests.items() for line in differences(name, stored.get(name), d)]
        for line in found:
            print(f"DIFFERS {line}")
        if found:
            raise SystemExit(1)
        print(f"identical to {args.check} for {len(digests)} book(s)")


if __name__ == "__main__":
    main()
