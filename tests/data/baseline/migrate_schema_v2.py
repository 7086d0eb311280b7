"""The one edit made to the 0.1 build's expected export files for interchange schema_version 2 (issue 11).

Not the code under test: a hand-written transformation of the expected JSON, by the rules of the
new version, applied once.  Version 2 changes exactly three things in an export of a workbook
that records no profile and holds no weights:
  1. "schema_version": 1 → 2;
  2. "profile": null after "taxonomy" (the committed workbooks have no 配置方案 row);
  3. each project's "schedule" keyed by month number, filled checkpoints only:
     {"mar": "25.00", "jun": null, "oct": "75.00", "dec": "100.00"} → {"3": "25.00", "10": "75.00", "12": "100.00"}.
Indicators gain "weight" only when they have one (none do here).  Validate output is unchanged.

Run from the repository root: python tests/data/baseline/migrate_schema_v2.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

EXPECTED = Path(__file__).parent / "expected"
MONTHS = {"mar": "3", "jun": "6", "oct": "10", "dec": "12"}


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def migrate(text: str) -> str:
    data = json.loads(text)
    assert dump(data) == text, "the file is not in the exporter's layout; refusing to rewrite it"
    if data["schema_version"] == 2:
        return text
    assert data["schema_version"] == 1
    out = {}
    for key, value in data.items():
        out[key] = 2 if key == "schema_version" else value
        if key == "taxonomy":
            out["profile"] = None
    for project in out["projects"]:
        old = project["schedule"]
        assert set(old) == set(MONTHS)
        project["schedule"] = {MONTHS[k]: old[k] for k in ("mar", "jun", "oct", "dec") if old[k] is not None}
    return dump(out)


def main() -> None:
    for path in sorted(EXPECTED.glob("*.json")):
        if path.name.endswith(".validate.json"):
            continue
        path.write_text(migrate(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in sorted(EXPECTED.glob("*.json.gz")):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        path.write_bytes(gzip.compress(migrate(text).encode("utf-8"), mtime=0))


if __name__ == "__main__":
    main()
