"""The rule tables (`pipeline/vocab/*.toml`) and the one loader that reads them.

Loads every table once, into ready-to-use lookups.

The tables are data (commented TOML a user can read and extend); this module only compiles
them. A user folder (`BULLETINS_VOCAB`, `--vocab DIR`) extends them: each of its tables is
merged over the built-in one of its name (`pipeline.vocab.user`). Keys are stored as
`match_key` forms, so the tables may be written in either script.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.text.script import match_key
from pipeline.vocab.tables import TABLES as TABLES
from pipeline.vocab.user import USER_VOCAB_ENV as USER_VOCAB_ENV
from pipeline.vocab.user import VocabularyError as VocabularyError
from pipeline.vocab.user import merged, origin, read_toml, user_tables
from pipeline.vocab.user import user_dir as user_dir

VOCAB_DIR = Path(__file__).parent

STATUSES = (
    "done",
    "mostly_done",
    "ahead",
    "on_track",
    "in_progress",
    "behind",
    "severely_behind",
    "not_started",
    "not_done",
    "not_applicable",
    "unknown",
)


@functools.cache
def table(name: str) -> dict[str, Any]:
    """The parsed `vocab/<name>.toml`, with the user's table of that name merged over it,
    checked for the keys the pipeline reads."""
    if name not in TABLES:
        raise VocabularyError(f"no rule table named {name!r} (known: {', '.join(TABLES)})")
    path = VOCAB_DIR / f"{name}.toml"
    data = read_toml(path)
    user = user_tables(tuple(TABLES)).get(name)
    if user is not None:
        data = merged(data, user.data, user.path)
    missing = [key for key in TABLES[name] if key not in data]
    if missing:
        raise VocabularyError(f"{path}: missing {', '.join(missing)}")
    return data


def check() -> None:
    """Read every table (the user's merged in) and compile those whose entries may clash:
    raises `VocabularyError` on the first problem. Run before any file is parsed."""
    for name in TABLES:
        table(name)
    headers()
    statuses()


def reload() -> None:
    """Forget the tables read so far (after `BULLETINS_VOCAB` or a table changed): the next
    lookups read them again. Lookups other modules compiled from them are not rebuilt."""
    for cached in (user_tables, table, headers, statuses):
        cached.cache_clear()


def _origin(name: str, entry: str, *paths: tuple[str, ...]) -> Path:
    """The file `entry` comes from: the user's table `name` if it lists it, else the
    built-in one (`pipeline.vocab.user.origin`)."""
    builtin = VOCAB_DIR / f"{name}.toml"
    return origin(builtin, user_tables(tuple(TABLES)).get(name), entry, *paths)


def lookup(
    key: str, exact: dict[str, str], patterns: tuple[tuple[re.Pattern[str], str], ...]
) -> str | None:
    """A table's value for a match key: its exact entry, else the first pattern that matches
    the whole key (headers and statuses are looked up this way)."""
    found = exact.get(key)
    if found is not None:
        return found
    return next((value for pattern, value in patterns if pattern.fullmatch(key)), None)


@dataclass(frozen=True)
class HeaderVocabulary:
    exact: dict[str, str]  # match key -> role
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # in file order
    roles: tuple[str, ...]
    item_fallback: tuple[str, ...]
    qualifier_prefix: re.Pattern[str]  # a reporting period before the label
    qualifier_suffix: re.Pattern[str]  # a note in brackets after it
    heads: tuple[tuple[re.Pattern[str], str], ...]  # head words, searched at the key's end
    max_length: int  # longer keys are text, never read by their head word
    evidence: tuple[str, ...]  # roles of which one makes a table a progress table
    totals: frozenset[str]  # match keys of grand-total row labels (合计, 全市)
    subtotals: frozenset[str]  # and of subtotal labels (小计)
    sums: tuple[str, ...]  # of those, the words that end a part's name (…项目合计: its subtotal)
    regions: frozenset[str]  # match keys of the group labels of per-region tables (市州, 县区)


@dataclass(frozen=True)
class StatusVocabulary:
    exact: dict[str, str]  # match key -> status
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    # The patterns that are also looked for inside a clause (not those with in_text = false).
    text_patterns: tuple[tuple[re.Pattern[str], str], ...]
    # Labels of two or more characters, longest first: for finding a label inside a clause.
    phrases: tuple[tuple[str, str], ...]
    yes: frozenset[str]
    no: frozenset[str]
    # A state right after one of these is its opposite (`opposites`), or no state.
    negations: tuple[str, ...] = ()
    negation_gap: tuple[str, ...] = ()  # words between a negation and its state (不能全部完成)
    opposites: dict[str, str] = dataclasses.field(default_factory=dict)


@functools.cache
def headers() -> HeaderVocabulary:
    data = table("headers")
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    regions = data["matrix"]["region_labels"]  # group labels too
    for role, spec in [*data["roles"].items(), ("group", {"exact": regions})]:
        for word in spec.get("exact", []):
            key = match_key(word)
            if (first := exact.setdefault(key, role)) != role:
                lists = [("roles", first, "exact"), ("roles", role, "exact")]
                where = _origin("headers", word, *lists, ("matrix", "region_labels"))
                raise VocabularyError(
                    f"{where}: {word!r} is listed under two roles ({first}, {role})"
                )
        patterns.extend((re.compile(p), role) for p in spec.get("patterns", []))
    named = [h["role"] for h in data["heads"]] + list(data["evidence"]["roles"])
    if unknown := sorted(set(named) - set(data["roles"])):
        where = _origin("headers", unknown[0], ("evidence", "roles"), ("heads",))
        raise VocabularyError(f"{where}: unknown roles {', '.join(unknown)}")
    return HeaderVocabulary(
        exact=exact,
        patterns=tuple(patterns),
        roles=tuple(data["roles"]),
        item_fallback=tuple(data.get("fallback", {}).get("item_from", [])),
        qualifier_prefix=re.compile(data["qualifiers"]["prefix"]),
        qualifier_suffix=re.compile(data["qualifiers"]["suffix"]),
        heads=tuple((re.compile(h["pattern"]), h["role"]) for h in data["heads"]),
        max_length=int(data["qualifiers"]["max_length"]),
        evidence=tuple(data["evidence"]["roles"]),
        totals=frozenset(match_key(w) for w in data["totals"]["total"]),
        subtotals=frozenset(match_key(w) for w in data["totals"]["subtotal"]),
        sums=tuple(match_key(w) for w in data["totals"].get("sums", ())),
        regions=frozenset(match_key(w) for w in regions),
    )


@functools.cache
def statuses() -> StatusVocabulary:
    data = table("statuses")
    exact: dict[str, str] = {}
    for status, labels in data["labels"].items():
        if status not in STATUSES:
            where = _origin("statuses", status, ("labels",))
            raise VocabularyError(f"{where}: unknown status {status!r}")
        for label in labels:
            key = match_key(label) or label.strip()  # "-" has no key once punctuation is gone
            if (first := exact.setdefault(key, status)) != status:
                where = _origin("statuses", label, ("labels", first), ("labels", status))
                raise VocabularyError(
                    f"{where}: {label!r} is listed under two statuses ({first}, {status})"
                )
    whole_only = {match_key(label) for label in data.get("whole_only", [])}
    specs = data.get("patterns", [])
    patterns = tuple((re.compile(p["regex"]), p["status"]) for p in specs)
    in_text = tuple(
        pattern for pattern, p in zip(patterns, specs, strict=True) if p.get("in_text", True)
    )
    phrases = tuple(
        sorted(
            (
                (key, status)
                for key, status in exact.items()
                if len(key) >= 2 and key not in whole_only
            ),
            key=lambda pair: -len(pair[0]),
        )
    )
    yes_no = data.get("yes_no", {})
    return StatusVocabulary(
        exact=exact,
        patterns=patterns,
        text_patterns=in_text,
        phrases=phrases,
        yes=frozenset(match_key(w) for w in yes_no.get("yes", [])),
        no=frozenset(match_key(w) for w in yes_no.get("no", [])),
        negations=tuple(sorted(data.get("negations", []), key=len, reverse=True)),
        negation_gap=tuple(data.get("negation_gap", [])),
        opposites=dict(data.get("opposites", {})),
    )
