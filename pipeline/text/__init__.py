"""Text as the interpreter reads it: script conversion (OpenCC) and match keys, cleaning (line
joins, pinyin glosses, doubled punctuation), Chinese numerals, and the one per-cell cache policy.

Knows characters, not bulletins: it may import only `pipeline.model`.
"""
