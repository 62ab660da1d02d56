"""Text as the interpreter reads it: script conversion (OpenCC) and match keys, cleaning (line
joins, pinyin glosses, doubled punctuation, HTML residue, a repeated text), Chinese numerals,
and the one per-cell cache policy.

Knows characters, not bulletins: it may import only `pipeline.model` (and the readers'
`Document` types, to clean a document's text).
"""
