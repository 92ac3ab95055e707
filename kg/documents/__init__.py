"""Documents: finding, reading and decoding source files, and their metadata.

Takes paths (a folder, files, an ``index.json``); gives :class:`SourceDocument` objects
(text, id, metadata) to the extractor and the pipeline. Nothing here knows RDF.
"""
