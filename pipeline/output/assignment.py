"""The assignment problem: pair rows with columns so that the total cost is least (the
Hungarian method with potentials, O(n²m) for n rows and m ≥ n columns)."""

from __future__ import annotations

from collections.abc import Sequence

_INF = float("inf")


def assign(cost: Sequence[Sequence[float]]) -> list[int]:
    """For each row, the column it is paired with, the total cost least; every row gets its own
    column (a matrix with more rows than columns is solved transposed: rows left over get -1)."""
    n = len(cost)
    m = len(cost[0]) if n else 0
    if n == 0 or m == 0:
        return [-1] * n
    if n > m:
        columns = assign([[cost[i][j] for i in range(n)] for j in range(m)])
        rows = [-1] * n
        for j, i in enumerate(columns):
            rows[i] = j
        return rows
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    row_of = [0] * (m + 1)  # column j (1-based) -> its row (1-based), 0: free
    for i in range(1, n + 1):
        row_of[0] = i
        j0 = 0
        least = [_INF] * (m + 1)
        way = [0] * (m + 1)
        used = [False] * (m + 1)
        while row_of[j0] != 0:
            used[j0] = True
            i0, delta, j1 = row_of[j0], _INF, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < least[j]:
                    least[j], way[j] = reduced, j0
                if least[j] < delta:
                    delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    rows = [-1] * n
    for j in range(1, m + 1):
        if row_of[j]:
            rows[row_of[j] - 1] = j - 1
    return rows
