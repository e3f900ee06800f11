"""The article: text plus the metadata every statement's provenance needs."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date


def content_id(text: str) -> str:
    """A stable id from the text alone: the same article read twice, from any file or
    URL, gets the same id, which is what makes re-ingesting idempotent."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    text: str
    source: str
    title: str = ""
    published: date | None = None
    url: str | None = None
    id: str = ""
    read_from: str | None = None  # the file it was read from (absolute); a feed's rows share it
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def header(self) -> dict:
        return {"id": self.id, "source": self.source, "title": self.title,
                "published": self.published.isoformat() if self.published else None,
                "url": self.url, "read_from": self.read_from}


@dataclass
class LoadFailure:
    """A file or record that could not become an article, and why.

    `known` says the input was read and holds nothing more (an empty file, a row without
    text, a text another input holds, a file that no longer exists); otherwise what the
    input holds is unknown this time, and `skg ingest --sync` keeps what was read from
    `read_from` (the file or folder, absolute; by default the file named by `source`)."""
    source: str
    message: str
    read_from: str | None = None
    known: bool = False
