"""The one per-cell cache policy.

Names, targets, units and headers recur word for word across an issuer's bulletins (the same
projects, month after month), so what is read from one cell alone is kept for the most recent
CELL_CACHE cells of each worker; progress cells rarely recur and simply miss. Cells longer than
CACHED_CELL characters are not kept, so the caches stay small whatever the documents hold.
"""

from __future__ import annotations

CELL_CACHE = 4096
CACHED_CELL = 400
