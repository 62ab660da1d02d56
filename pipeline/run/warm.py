"""Everything a pool worker loads before its first file, loaded by importing this module.

The process pool's fork server imports it once per run, and every worker it forks (the first
pool's and the fresh pools that retry a file after a worker died) starts with it all in place:
the libraries and codecs the readers load on first use, and the dictionaries of OpenCC and
jieba (jieba's takes about 0.6 s to load). A worker importing it again finds it done.
"""

from __future__ import annotations

import pipeline.run.task  # noqa: F401  (the per-file task and all it imports)
from parsers.registry import load_readers
from pipeline.text.script import detect_script, to_simplified
from pipeline.values.sectors import tokens

load_readers()
to_simplified("預熱")
detect_script("預熱")
tokens("预热")
