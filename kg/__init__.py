"""The diplomacy knowledge graph: documents -> extraction -> RDF -> store -> queries ->
networks, read by the API (``api/``) and the explorer (``viz/``).

Packages, in the order data flows: ``documents``, ``extract`` (with ``reference``), ``rdf``,
``store``, ``pipeline``, ``queries``, ``networks``, ``validate``. See ``docs/architecture.md``.
"""
