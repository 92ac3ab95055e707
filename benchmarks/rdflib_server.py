"""rdflib-endpoint over an rdflib Dataset parsed from N-Quads (started by :mod:`servers`).

The Dataset's default graph is the union of its named graphs, like our server's and like
Oxigraph server's with ``union-default-graph``.

Usage::

    .venv/bin/python benchmarks/rdflib_server.py DATA.nq PORT
"""

from __future__ import annotations

import sys
import time


def main(argv: list[str]) -> int:
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    path, port = argv[0], int(argv[1])
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    print(f"parsed {len(dataset)} quads in {time.perf_counter() - started:.1f} s", flush=True)
    app = SparqlEndpoint(graph=dataset, path="/", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
