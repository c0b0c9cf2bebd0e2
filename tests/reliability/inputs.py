"""Bad-input builders the reliability tests share: rows of the project's CSV and JSON
Lines, a file written as given, and everything a reader of a store could see."""

from __future__ import annotations

import json
from pathlib import Path

HEADER = "id,date,title,type,countries,source_url\n"


# Japan, not Russia: the seeded events hold a North Korea–Russia pact of June 2024, which
# these rows would otherwise be held back as telling again.
def row(event_id="a", date="2024-06", title="Pact", kind="treaty", countries="PRK;JPN",
        url="https://news.example.org/a") -> str:
    return f"{event_id},{date},{title},{kind},{countries},{url}\n"


def line(**fields) -> str:
    record = {"id": "a", "date": "2024-06", "title": "Pact", "countries": ["PRK", "JPN"],
              "type": "treaty", "sources": [{"url": "https://news.example.org/a"}]}
    record.update(fields)
    return json.dumps(record, ensure_ascii=False) + "\n"


def snapshot(store) -> tuple:
    """Everything a reader could see: every event, field by field, and the datasets."""
    return ([event.to_record() for event in store.events()],
            sorted(store.datasets()["name"]))


def put(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path
