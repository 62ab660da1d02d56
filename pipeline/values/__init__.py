"""What a cell says: status labels, quantities, dates, completion ratios, sectors and
responsible units, each read by a pure function that returns a value or None and never raises
on messy text; and `enrich`, which reads them for every item.

May import `pipeline.vocab`, `pipeline.text` and `pipeline.model`.
"""
