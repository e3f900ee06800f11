"""The date a relation refers to: a date expression in its sentence, resolved against
the article's publication date ("on Tuesday" in an article of Wednesday 2017-12-27 is
2017-12-26). The publication date itself is kept apart as the report date."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

# Only expressions that name a day: a weekday, today, yesterday, or a day of a month.
DAY_PRECISE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btoday\b|\byesterday\b|\btonight\b"
                         r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                         r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
                         r"|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)
YEAR = re.compile(r"\b\d{4}\b")
VAGUE = {"years", "decades", "months", "weeks", "recent", "recently", "long", "summer", "winter",
         "spring", "autumn", "future", "past", "coming", "days"}


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=4096)
def resolve(expression: str, published: date | None) -> date | None:
    """A day-precise date expression as a date, relative ones against `published`.
    A bare weekday is the most recent such day up to the article's own day: news
    written on a Friday that says "on Friday" means that day."""
    import dateparser

    words = set(expression.lower().split())
    if words & VAGUE or not DAY_PRECISE.search(expression):
        return None
    if published is None and not YEAR.search(expression):
        return None  # relative to nothing known: never to the day the text happens to be read
    named = [d for d in WEEKDAYS if d in expression.lower()]
    if named and published and not re.search(r"\d", expression):
        back = (published.weekday() - WEEKDAYS.index(named[0])) % 7
        if "last" in words:
            back = back or 7
        return published - timedelta(days=back)
    base = datetime.combine(published, datetime.min.time()) if published else None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = base
    phrase = expression.replace("on ", "").replace("last ", "").strip()
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if published and parsed.date() > published:
        return None
    return parsed.date()


@lru_cache(maxsize=1)
def _relative() -> dict:
    from .lexicon import yaml_data

    return yaml_data("relative_dates.yaml")


def shift_days(expression: str) -> int | None:
    """Days from another date that an expression such as "a day earlier", "two days
    later" or "the day before" says (loaders/data/relative_dates.yaml), else None."""
    data = _relative()
    text = " ".join(expression.lower().replace(",", " ").split())
    if text in data["phrases"]:
        return data["phrases"][text]
    words = text.split()
    if len(words) == 3 and words[1] in data["units"] and words[2] in data["directions"]:
        count = int(words[0]) if words[0].isdigit() else data["counts"].get(words[0])
        if count is not None:
            return count * data["units"][words[1]] * data["directions"][words[2]]
    return None


def _with_direction(ent: Span) -> str:
    """A date entity's text, with the word after it when that is a direction: spaCy
    reads "The day before, France urged ..." as the DATE "The day"."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.lower_ in _relative()["directions"]:
        return f"{ent.text} {after.text}"
    return ent.text


def _anchor(ent: Span, published: date | None, depth: int = 0) -> date | None:
    """The date a relative expression counts from: the nearest day-precise date named
    before it in the article (itself relative or not), else the publication date."""
    for earlier in reversed([e for e in ent.doc.ents if e.label_ == "DATE" and e.end <= ent.start]):
        days = shift_days(_with_direction(earlier))
        if days is not None and depth < 5:
            base = _anchor(earlier, published, depth + 1)
            return base + timedelta(days=days) if base else None
        found = resolve(earlier.text, published)
        if found:
            return found
    return published


def sentence_dates(doc: Doc) -> dict[int, list[Span]]:
    """The DATE entities of each sentence (by the sentence's first token), each wholly
    inside it as `Span.ents` gives them, found in one pass over the article: asking
    `sent.ents` per relation built the whole article's entity list each time, which
    made a long article's time grow with the square of its length."""
    found: dict[int, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ == "DATE":
            sent = doc[ent.start].sent
            if ent.end <= sent.end:
                found.setdefault(sent.start, []).append(ent)
    return found


def relation_date(trigger: Token, published: date | None, dates: dict[int, list[Span]] | None = None) -> str | None:
    """The nearest specific date expression in the trigger's sentence (`dates`: the
    article's `sentence_dates`, found once for all its relations); one relative to
    another date ("a day earlier") counts from the date named before it (`_anchor`)."""
    sent: Span = trigger.sent
    best = None
    for ent in (sentence_dates(trigger.doc) if dates is None else dates).get(sent.start, []):
        dist = abs(ent.root.i - trigger.i)
        if best is None or dist < best[0]:
            best = (dist, ent)
    if best is None:
        return None
    days = shift_days(_with_direction(best[1]))
    if days is not None:
        anchor = _anchor(best[1], published)
        shifted = anchor + timedelta(days=days) if anchor else None
        return shifted.isoformat() if shifted and not (published and shifted > published) else None
    found = resolve(best[1].text, published)
    return found.isoformat() if found else None
