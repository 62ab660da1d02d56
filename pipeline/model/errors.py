"""The pipeline's error family: a readable document that is not a bulletin we can use."""

from __future__ import annotations

# Reason codes the pipeline adds to the readers' (parsers.errors.REASONS).
REASONS = ("not_a_bulletin", "timeout", "internal_error")


class BulletinError(Exception):
    """A document was read but cannot be turned into a bulletin."""

    reason = "not_a_bulletin"

    def __init__(self, path: str, message: str, *, hint: str = "") -> None:
        self.path = path
        self.message = message
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = f"{self.path}: {self.reason}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class NotABulletin(BulletinError):
    """No progress table, and no title, reporting period or declared count either."""

    reason = "not_a_bulletin"
