"""The pipeline's data model: the records each dataset row is made from, their Arrow schemas,
the findings catalogue and the pipeline's error family.

The bottom layer: it imports nothing else from `pipeline/`, and every other layer may import it.
"""
