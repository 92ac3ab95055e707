"""Validation: the shape checks a built graph must pass.

Takes a store; gives a report of violations (``store``), checked with SPARQL queries
(``sparql``).
"""
