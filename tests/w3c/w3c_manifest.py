"""Read the W3C SPARQL 1.1 Protocol / Graph Store test manifests and run their requests.

The manifests (Turtle, read with rdflib) describe each test as a sequence of HTTP requests
(``ht:Request``: method, absolute path, headers, body) with expected responses (status
class or code, result format, ASK boolean, Location, an RDF body). Data files named by
``ut:graphData`` are loaded as named graphs (the graph name is the entry's ``rdfs:label``)
before the test runs.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.term import Node

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
W3C = SHARED / "w3c-protocol"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

PATHS = {"/sparql/": "/sparql", "/gsp": "/store"}
TOKEN = "w3c-test-token"  # the harness's app allows writes with it
AUTHORITY = "http://www.example"  # ht:connectionAuthority of every test
RESULT_TYPES = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF_PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}


@dataclass
class Expected:
    statuses: list[str] = field(default_factory=list)  # hts local names
    format: str | None = None
    boolean: bool | None = None
    location_var: str | None = None
    content_type: str | None = None
    body: str | None = None


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    expected: Expected


@dataclass
class Case:
    name: str
    title: str
    requires: list[str]
    graph_data: list[tuple[Path, str]]
    requests: list[Request]


def _one(g: Graph, s: Node, p: URIRef) -> Node | None:
    return next(iter(g.objects(s, p)), None)


def _list(g: Graph, node: Node | None) -> list[Node]:
    return list(Collection(g, node)) if node is not None else []


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _path(iri: Node) -> Path:
    return Path(unquote(urlparse(str(iri)).path))


def _request(g: Graph, node: Node) -> Request:
    headers = {
        str(_one(g, h, HT.fieldName)).lower(): str(_one(g, h, HT.fieldValue))
        for h in _list(g, _one(g, node, HT.headers))
    }
    body = None
    if (b := _one(g, node, HT.body)) is not None:
        encoding = str(_one(g, b, CNT.characterEncoding) or "UTF-8")
        body = str(_one(g, b, CNT.chars)).encode(encoding.lower())
    resp = _one(g, node, HT.resp)
    exp = Expected()
    if resp is not None:
        exp.statuses = sorted(_local(s) for s in g.objects(resp, MF.expectedStatus))
        fmt = _one(g, resp, MF.expectedFormat)
        exp.format = str(fmt) if fmt is not None else None
        boolean = _one(g, resp, MF.expectedBoolean)
        exp.boolean = boolean.toPython() if boolean is not None else None  # type: ignore[union-attr]
        loc = _one(g, resp, MF.expectedLocation)
        exp.location_var = str(loc) if loc is not None else None
        for h in _list(g, _one(g, resp, HT.headers)):
            if str(_one(g, h, HT.fieldName)).lower() == "content-type":
                exp.content_type = str(_one(g, h, HT.fieldValue))
        if (rb := _one(g, resp, HT.body)) is not None:
            exp.body = str(_one(g, rb, CNT.chars))
    path = str(_one(g, node, HT.absolutePath))
    for old, new in PATHS.items():
        if path.startswith(old):
            path = new + path[len(old) :]
            break
    return Request(
        method=str(_one(g, node, HT.methodName)),
        path=path,
        headers=headers,
        body=body,
        expected=exp,
    )


def read_manifest(path: Path) -> list[Case]:
    """Every test of a manifest, following ``mf:include``."""
    g = Graph()
    g.parse(path, format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    cases: list[Case] = []
    for included in _list(g, _one(g, manifest, MF.include)):
        cases += read_manifest(_path(included))
    for test in _list(g, _one(g, manifest, MF.entries)):
        action = _one(g, test, MF.action)
        data = [
            (_path(_one(g, d, UT.graph)), str(_one(g, d, RDFS.label)))
            for d in g.objects(test, UT.graphData)
        ]
        requests = [
            _request(g, r)
            for r in (_list(g, _one(g, action, HT.requests)) if action is not None else [])
        ]
        cases.append(
            Case(
                name=_local(test),
                title=str(_one(g, test, MF.name)),
                requires=sorted(_local(r) for r in g.objects(test, MF.requires)),
                graph_data=sorted(data),
                requests=requests,
            )
        )
    return cases


# --- checking responses -------------------------------------------------------------------


def status_ok(code: int, expected: list[str]) -> bool:
    """Does a status code match one of the manifest's ``hts:`` terms?"""
    for name in expected:
        if name.startswith("StatusCode") and name.endswith("xx"):
            if str(code).startswith(name[len("StatusCode")]):
                return True
        elif HTTPStatus(code).phrase.replace(" ", "") == name:
            return True
    return not expected


def media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def parse_boolean(response: httpx.Response) -> bool:
    """The boolean of an ASK result in SPARQL JSON or XML."""
    kind = media(response)
    if kind == "application/sparql-results+json":
        value = json.loads(response.content)["boolean"]
        assert isinstance(value, bool)
        return value
    assert kind == "application/sparql-results+xml", kind
    root = ET.fromstring(response.content)
    node = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert node is not None and node.text in ("true", "false")
    return node.text == "true"


def parse_table(response: httpx.Response) -> list[dict]:
    """The rows of a SELECT result in any of the four formats."""
    kind = media(response)
    assert kind in RESULT_TYPES, kind
    text = response.content.decode("utf-8")
    if kind.endswith("json"):
        data = json.loads(text)
        assert isinstance(data["head"]["vars"], list)
        return data["results"]["bindings"]
    if kind.endswith("xml"):
        root = ET.fromstring(text)
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return [dict(r.attrib) for r in root.iter(f"{ns}result")]
    rows = list(csv.reader(io.StringIO(text), delimiter="\t" if "tab" in kind else ","))
    assert rows and rows[0], "no header row"
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def parse_rdf(response: httpx.Response, *, base: str = "") -> Graph:
    """The RDF graph of a response, parsed per its Content-Type."""
    kind = media(response)
    assert kind in RDF_PARSERS, kind
    g = Graph()
    g.parse(data=response.content, format=RDF_PARSERS[kind], publicID=base or None)
    return g


def same_graph(response: httpx.Response, expected_turtle: str, *, base: str) -> bool:
    expected = Graph()
    expected.parse(data=expected_turtle, format="turtle", publicID=base)
    return isomorphic(parse_rdf(response, base=base), expected)
