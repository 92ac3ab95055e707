#!/usr/bin/env bash
# Build and query the graph on Virtuoso (Debian's virtuoso-opensource) instead of the
# embedded store, and show how its silent 10,000-row result cap is handled.
#
#   bash scripts/virtuoso_check.sh [DOCS...]      (default: ../shared/corpus/docs)
#
# Starts a private Virtuoso on 127.0.0.1:18890 (HTTP) / 11111 (SQL) in data/virtuoso,
# allows SPARQL updates for the anonymous SPARQL user, builds the graph there, compares it
# with an embedded build, and counts a result larger than the cap with and without paging.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
DOCS=("${@:-../shared/corpus/docs}")
HTTP_PORT=18890
SQL_PORT=11111
DIR=$PWD/data/virtuoso

if ! command -v virtuoso-t >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null
fi
[ -x $BIN/kg ] || make setup

rm -rf "$DIR" && mkdir -p "$DIR"
sed -e "s#/var/lib/virtuoso-opensource-7/db#$DIR#g" \
    -e "s#^ServerPort *= *1111#ServerPort = $SQL_PORT#" \
    -e "s#^ServerPort *= *8890#ServerPort = 127.0.0.1:$HTTP_PORT#" \
    /etc/virtuoso-opensource-7/virtuoso.ini > "$DIR/virtuoso.ini"
(cd "$DIR" && virtuoso-t +foreground +configfile "$DIR/virtuoso.ini" >"$DIR/server.out" 2>&1 &)
trap 'isql-vt $SQL_PORT dba dba exec="shutdown();" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/sparql?query=ASK%7B%7D" >/dev/null && break
  sleep 1
done
# The anonymous SPARQL user may update (a private, local server only).
isql-vt $SQL_PORT dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' >/dev/null
isql-vt $SQL_PORT dba dba exec='GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";' >/dev/null || true

STORE="http://127.0.0.1:$HTTP_PORT/sparql#dialect=virtuoso"
echo "== kg build on Virtuoso ($STORE)"
$BIN/kg build "${DOCS[@]}" --store "$STORE"
echo "== kg stats"
$BIN/kg stats --store "$STORE" --json | $BIN/python -c \
  'import json,sys; d=json.load(sys.stdin); print(d["triples"], "quads in", d["graphs"], "graphs;", sum(s["count"] for s in d["stances"]), "claims")'
echo "== the same graph as an embedded build?"
$BIN/python - "$STORE" "${DOCS[@]}" <<'PY'
import sys
from kg.build import build
from kg.iris import Iris
from kg.store import Store, open_store

remote, docs = open_store(sys.argv[1]), sys.argv[2:]
local = Store.in_memory()
build(local, docs, iris=Iris("https://w3id.org/diplokg/"))
# Virtuoso stores xsd:nonNegativeInteger (the selectors' offsets) as xsd:integer.
same = lambda line: line.replace("XMLSchema#nonNegativeInteger", "XMLSchema#integer")  # noqa
mine = {same(x) for x in local.dump(media_type="application/n-quads").decode().splitlines()}
theirs = {same(x) for x in remote.dump(media_type="application/n-quads").decode().splitlines()}
print(f"embedded {len(mine)} quads, Virtuoso {len(theirs)} quads, identical: {mine == theirs}"
      " (offsets compared as integers)")
if mine != theirs:
    for line in sorted(mine ^ theirs)[:5]:
        print("  differs:", line[:160])
PY
echo "== the 10,000-row cap"
$BIN/python - "$STORE" <<'PY'
import sys
from kg.store import open_store

query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
capped = open_store(sys.argv[1].replace("dialect=virtuoso", "dialect=generic"))
paged = open_store(sys.argv[1])
print("without paging (what Virtuoso returns):", len(capped.select(query)), "rows")
print("with kg's paging (dialect=virtuoso):   ", len(paged.select(query)), "rows")
PY
echo "== a relations query through kg"
$BIN/kg query 'SELECT ?label (COUNT(?c) AS ?claims) WHERE { ?c a dkg:Claim ; dkg:claimant ?a . ?a skos:prefLabel ?label } GROUP BY ?label ORDER BY DESC(?claims) LIMIT 5' --store "$STORE"
echo "== the API over Virtuoso"
KG_STORE="$STORE" $BIN/kg serve --port 8099 >"$DIR/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true; isql-vt $SQL_PORT dba dba exec="shutdown();" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 60); do curl -sf http://127.0.0.1:8099/api >/dev/null && break; sleep 0.5; done
curl -sf 'http://127.0.0.1:8099/api/entities?q=china' | $BIN/python -c \
  'import json,sys; d=json.load(sys.stdin); print("entities?q=china ->", [i["label"] for i in d["items"]])'
curl -sf 'http://127.0.0.1:8099/api/claims?stance=oppose' | $BIN/python -c \
  'import json,sys; d=json.load(sys.stdin); print("claims?stance=oppose ->", d["total"], "claims by", sorted({i["claimant"]["label"] for i in d["items"]}))'
curl -sf 'http://127.0.0.1:8099/sparql' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { ?c a dkg:Claim }' \
  -H 'Accept: text/csv'
