"""Records out: each parsed bulletin as Arrow rows, the spill folder that gathers them during a
run, the journaled commit of hive-partitioned Parquet, and the storage (local or any pyarrow
filesystem) it writes to.

May import only `pipeline.model`: it knows datasets, not how bulletins are read.
"""
