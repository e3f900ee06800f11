"""`--help` that reads whole at any terminal width.

Why this module: the commands' help is their docstrings, wrapped at 88 columns in the
source. Typer (0.29, rich markup) keeps the single line breaks of every paragraph but
the first, so at 80 columns a sentence broke into a full line and an orphan word, and at
200 columns the source's line ends showed as ragged breaks. Typer also printed a flag's
type as `<bool>` and a required argument as `{paths}` in the usage line, which are its
internal notation, not what a user types. So, once all commands are registered:
paragraphs are reflowed (single line breaks become spaces; a blank line still separates
paragraphs), flags show no type, and a required argument shows as `PATHS...`, as click
and most Unix tools write it.
"""
from __future__ import annotations

import inspect
import re

import typer
from typer import core


def reflow(text: str | None) -> str | None:
    """A help text with the line breaks inside each paragraph made spaces."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(re.sub(r"\s*\n\s*", " ", p.strip()) for p in paragraphs)


def _commands(app: typer.Typer):
    """Every command and group of `app` and its sub-apps, as typer registered them."""
    yield from app.registered_commands
    for group in app.registered_groups:
        yield group
        yield from _commands(group.typer_instance)


def _flag_type(self, ctx) -> str | None:
    """A flag (`--force/--no-force`, `--json`) takes no value: no type is shown."""
    if self.is_flag:
        return None
    return _option_type(self, ctx)


def _usage_name(self) -> str:
    """An argument in the usage line as the user types it: PATHS..., [NAME]."""
    name = (self.metavar or self.name or "").upper()
    if not self.required:
        name = f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


_option_type = core.TyperOption.display_type_rich


def tidy(app: typer.Typer) -> None:
    """Reflow the help of every command of `app` (and of its groups) and show flags and
    arguments as users type them."""
    if app.info.help:
        app.info.help = reflow(app.info.help)
    for info in _commands(app):
        callback = getattr(info, "callback", None)
        if isinstance(info, typer.models.TyperInfo):
            sub = info.typer_instance.info
            sub.help = reflow(info.help or sub.help)
        else:
            info.help = reflow(info.help or (inspect.getdoc(callback) if callback else None))
    core.TyperOption.display_type_rich = _flag_type
    core.TyperArgument._usage_display_name = _usage_name
