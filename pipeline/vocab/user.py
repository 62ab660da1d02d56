"""User vocabulary folders: tables that extend the built-in ones without editing the package.

The folder is named by the environment variable `BULLETINS_VOCAB` (the command line's `--vocab
DIR` sets it, for the workers too). Each `<name>.toml` in it is merged over the built-in table
of that name: lists are extended (an entry the built-in list has already is not added twice),
tables are merged key by key, scalars are replaced, and keys the built-in table lacks are
added. A value of another kind than the built-in one (a list where it has a table ...) is an
error, as are a file that names no table, and invalid TOML. The folder is read once per process.
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USER_VOCAB_ENV = "BULLETINS_VOCAB"


class VocabularyError(ValueError):
    """A rule table is missing, is not valid TOML, lacks a key the pipeline reads, or lists an
    entry twice with two meanings; the message is one line naming the file and the entry."""


@dataclass(frozen=True)
class UserTable:
    path: Path
    data: dict[str, Any]


def user_dir() -> Path | None:
    """The user vocabulary folder, if `BULLETINS_VOCAB` names one."""
    value = os.environ.get(USER_VOCAB_ENV, "").strip()
    return Path(value) if value else None


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise VocabularyError(f"{path}: {reason}") from exc


@functools.cache
def user_tables(known: tuple[str, ...]) -> dict[str, UserTable]:
    """The tables of the user folder, by name; {} without one."""
    folder = user_dir()
    if folder is None:
        return {}
    if not folder.is_dir():
        raise VocabularyError(f"{folder}: no such folder ({USER_VOCAB_ENV}, --vocab)")
    found: dict[str, UserTable] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("."):
            continue
        if path.stem not in known:
            raise VocabularyError(
                f"{path}: no rule table named {path.stem!r} (known: {', '.join(known)})"
            )
        found[path.stem] = UserTable(path, read_toml(path))
    return found


def merged(
    base: dict[str, Any], user: dict[str, Any], path: Path, where: str = ""
) -> dict[str, Any]:
    """`user` merged over `base` (neither is changed): the rule of the module's docstring."""
    out = dict(base)
    for key, value in user.items():
        here = f"{where}.{key}" if where else key
        if key not in out:
            out[key] = value
            continue
        old = out[key]
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merged(old, value, path, here)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [entry for entry in value if entry not in old]
        elif _kind(old) != _kind(value):
            raise VocabularyError(
                f"{path}: {here} is {_kind(value)}, where the built-in table has {_kind(old)}"
            )
        else:
            out[key] = value
    return out


def origin(builtin: Path, user: UserTable | None, entry: str, *paths: tuple[str, ...]) -> Path:
    """The file an entry comes from: `user`'s if what it holds at one of `paths` (keys, a
    table in a table) lists `entry` (a list's item, a table's key, the `role` of a list of
    tables), else `builtin`."""
    for keys in paths if user is not None else ():
        value: Any = user.data if user is not None else {}
        for key in keys:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        if isinstance(value, list):
            value = [v.get("role") if isinstance(v, dict) else v for v in value]
        if entry in value:
            return user.path if user is not None else builtin
    return builtin


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a date or time"
