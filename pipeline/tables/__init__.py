"""Progress tables: layouts recovered from flattened text, the header located and mapped to
roles, rows fitted to the header, and the rows turned into items.

May import `pipeline.values`, `pipeline.vocab`, `pipeline.text` and `pipeline.model`; never
`pipeline.narrative` (its sibling) or anything above.
"""
