"""Everything a pool worker loads before its first file, loaded by importing this module.

The process pool's fork server imports it once per run, and every worker it forks (the first
pool's and the fresh pools that retry a file after a worker died) starts with it all in place:
the libraries and codecs the readers load on first use, and the dictionaries of OpenCC and
jieba (jieba's takes about 0.6 s to load). A worker importing it again finds it done.

It also makes the process ignore SIGINT, so import it nowhere else. Ctrl-C at a terminal reaches
every process of the run, and it is the command's to act on: the command stops its workers
itself, where a worker that took the signal would die printing a traceback. Set in the fork
server, it holds in each worker from the moment it is forked.
"""

from __future__ import annotations

import signal

# First of all: the fork server may take a Ctrl-C while it loads the rest.
signal.signal(signal.SIGINT, signal.SIG_IGN)


def _load() -> None:
    import pipeline.run.task  # noqa: F401  (the per-file task and all it imports)
    from parsers.registry import load_readers
    from pipeline.text.script import detect_script, to_simplified
    from pipeline.values.sectors import tokens

    load_readers()
    to_simplified("預熱")
    detect_script("預熱")
    tokens("预热")


_load()
