"""Running the pipeline: the command line, a run's plan (discovery, hashing, de-duplication,
the manifest), the per-file task with its limits, the process pool or Dask executors and the
fork server that warms them, and how a signal stops a run.

The top layer: it may import every other layer; nothing in `pipeline/` imports it.
"""
