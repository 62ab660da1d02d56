"""The bulletin's prose: title, issuer, region, issue date, reporting period, declared totals
and counts, and the repair of dates damaged in extraction.

May import `pipeline.values`, `pipeline.vocab`, `pipeline.text` and `pipeline.model`; never
`pipeline.tables` (its sibling) or anything above.
"""
