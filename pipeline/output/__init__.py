"""Records out: each parsed bulletin as Arrow rows, the spill folder that gathers them during a
run, the commit of Parquet partitioned by period (`layout`; snapshots switched by one link on
a local folder, a journal elsewhere), the lock that keeps one run at a time on an output
folder, and the storage (local or any pyarrow filesystem) it writes to.

May import only `pipeline.model`: it knows datasets, not how bulletins are read.
"""
