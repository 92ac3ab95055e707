"""Reference data: the embedded gazetteer of states, UN bodies, mechanisms, officials,
meetings and Council memberships (``data/*.json``), and its validating loader.

Takes nothing; gives a validated reference object to the extractor's gazetteer and to the
RDF mapper of reference facts.
"""
