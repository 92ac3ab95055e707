"""Networks: the actor graph and the explorer's data model.

Takes a store; gives networkx graphs (``actors``), analytics over them (``analytics``,
``export``), and the explorer's views: the index of claims and relations (``index``),
filters, subgraphs and views, the details panels and the document view.
"""
