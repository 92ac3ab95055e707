"""The pipeline: documents -> extraction -> RDF -> store.

Takes document paths and a store; gives a built graph (``build``), incremental ingestion
with a report (``ingest``), and the batch stream both use (``stream``).
"""
