/* The explorer's page script: draws the view's network with vis-network, opens and
 * expands nodes, keeps the table in step with the network, exports PNG.
 *
 * The view's data comes from the page's <script type="application/json" id="kg-data">
 * block (the same object as the view's .json URL). Everything from the graph is put into
 * the page as text (textContent, never as markup); the CSP forbids inline scripts.
 */
(function () {
  "use strict";

  var EXPAND = 15; // neighbours fetched when a node is opened (the server caps them too)
  var CLIENT_CAP = 500; // nodes the page holds at most
  var FILTER_KEYS = ["types", "stances", "relations", "documents", "from", "to"];

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === null || value === undefined) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else node.setAttribute(key, String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function seg(value) {
    return encodeURIComponent(String(value));
  }

  function entityHref(ref) {
    var kind = ref.type === "Meeting" ? "meeting" : "entity";
    return "/explore/" + kind + "/" + seg(ref.id);
  }

  function readData() {
    var block = document.getElementById("kg-data");
    return block ? JSON.parse(block.textContent) : null;
  }

  function setStatus(message) {
    var status = document.getElementById("status");
    if (status) status.textContent = message;
  }

  /* --- the filter form: drop a group whose boxes are all ticked ------------------------ */

  function tidyFilters() {
    var form = document.getElementById("filters");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams();
      var grouped = {};
      form.querySelectorAll("fieldset[data-group]").forEach(function (group) {
        var name = group.getAttribute("data-group");
        grouped[name] = true;
        var boxes = group.querySelectorAll("input[type=checkbox]");
        var extra = group.querySelectorAll("input[type=hidden]:not([value=none])");
        var ticked = [];
        boxes.forEach(function (box) {
          if (box.checked) ticked.push(box.value);
        });
        if (ticked.length === boxes.length && extra.length === 0) return;
        extra.forEach(function (input) {
          ticked.push(input.value);
        });
        if (ticked.length === 0) ticked.push("none");
        ticked.forEach(function (value) {
          params.append(name, value);
        });
      });
      form.querySelectorAll("input[name], select[name]").forEach(function (input) {
        if (grouped[input.name] || !input.value) return;
        params.append(input.name, input.value);
      });
      var query = params.toString();
      window.location.assign(form.getAttribute("action") + (query ? "?" + query : ""));
    });
  }

  /* --- details panel ------------------------------------------------------------------ */

  function evidenceBlock(claim) {
    var ev = claim.evidence;
    if (!ev) return null;
    var quote = el("blockquote", { className: "evidence" }, [
      ev.prefix ? el("span", { className: "ctx", text: "…" + ev.prefix }) : null,
      el("mark", { text: ev.text }),
      ev.suffix ? el("span", { className: "ctx", text: ev.suffix + "…" }) : null,
    ]);
    var href = "/explore/document/" + seg(ev.document) + "#span-" + ev.start + "-" + ev.end;
    var source = el("p", { className: "source" }, [
      el("a", { href: href, text: claim.document_title || ev.document }),
    ]);
    return el("div", {}, [quote, source]);
  }

  function claimItem(claim) {
    var head = el("p", { className: "claim-head" }, [
      el("a", { href: entityHref(claim.claimant), text: claim.claimant.label }),
      " ",
      el("span", {
        className: "stance stance-" + claim.stance,
        text: claim.stance.replace("_", " "),
      }),
      " ",
    ]);
    claim.about.forEach(function (about, i) {
      if (i) head.appendChild(document.createTextNode(", "));
      head.appendChild(el("a", { href: entityHref(about), text: about.label }));
    });
    if (claim.date) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("time", { datetime: claim.date, text: claim.date }));
    }
    return el("li", { className: "claim" }, [head, evidenceBlock(claim)]);
  }

  function claimSection(title, items, total) {
    var count = items.length + (total > items.length ? " of " + total : "");
    var list = items.length
      ? el("ol", {}, items.map(claimItem))
      : el("p", { className: "none", text: "None." });
    return el("section", { className: "claims" }, [
      el("h3", {}, [title + " ", el("span", { className: "count", text: "(" + count + ")" })]),
      list,
    ]);
  }

  function detailsPanel(details) {
    var e = details.entity;
    var parts = [
      el("h2", {}, [e.label + " ", el("span", { className: "badge", text: e.type || "entity" })]),
      el("p", { className: "links" }, [
        el("a", { href: entityHref(e), text: "Open its own view" }),
      ]),
    ];
    if (details.aliases.length) {
      parts.push(el("p", { className: "aliases", text: "Also: " + details.aliases.join(", ") }));
    }
    var facts = el("dl", { className: "facts" });
    if (details.wikidata && /^Q[0-9]+$/.test(details.wikidata)) {
      facts.appendChild(el("dt", { text: "Wikidata" }));
      facts.appendChild(
        el("dd", {}, [
          el("a", {
            href: "https://www.wikidata.org/wiki/" + details.wikidata,
            rel: "noopener noreferrer",
            text: details.wikidata,
          }),
        ]),
      );
    }
    Object.keys(details.facts).forEach(function (name) {
      facts.appendChild(el("dt", { text: name }));
      facts.appendChild(el("dd", { text: details.facts[name].join(", ") }));
    });
    parts.push(facts);
    if (details.spells.length) {
      parts.push(
        el("section", { className: "spells" }, [
          el("h3", { text: "Positions and seats" }),
          el(
            "ul",
            {},
            details.spells.slice(0, 20).map(function (s) {
              var dates = s.start || s.end ? " " + (s.start || "…") + " – " + (s.end || "…") : "";
              return el("li", {}, [
                s.kind + " ",
                el("a", { href: entityHref(s.other), text: s.other.label }),
                s.note ? " (" + s.note + ")" : "",
                dates,
              ]);
            }),
          ),
        ]),
      );
    }
    parts.push(claimSection("Claims made", details.claims_made, details.claims_made_total));
    parts.push(
      claimSection("Claims received", details.claims_received, details.claims_received_total),
    );
    return parts;
  }

  /* --- the network -------------------------------------------------------------------- */

  function start(data) {
    var container = document.getElementById("network");
    if (!container || !data.network || !window.vis) return;
    var vis = window.vis;
    var nodes = new vis.DataSet(data.network.vis.nodes);
    var edges = new vis.DataSet(data.network.vis.edges);
    var options = data.network.vis.options;
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    window.kgNetwork = network;
    var panel = document.getElementById("details");
    var firstPanel = panel ? panel.cloneNode(true) : null;
    var opened = {};
    if (data.network.center) opened[data.network.center] = true;

    function ready() {
      network.setOptions({ physics: { enabled: false } });
      document.body.setAttribute("data-network-ready", "true");
    }
    if (options.physics && options.physics.enabled) {
      network.once("stabilizationIterationsDone", ready);
      network.once("stabilized", ready);
      window.setTimeout(ready, 8000);
    } else {
      network.once("afterDrawing", ready);
    }

    function relax() {
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(120);
      network.once("stabilized", function () {
        network.setOptions({ physics: { enabled: false } });
      });
    }

    function filterQuery(extra) {
      var params = new URLSearchParams();
      FILTER_KEYS.forEach(function (key) {
        var value = data.params ? data.params[key] : null;
        if (value === null || value === undefined || data.view === "path") return;
        (Array.isArray(value) ? value : [value]).forEach(function (v) {
          params.append(key, v);
        });
      });
      Object.keys(extra).forEach(function (key) {
        params.set(key, extra[key]);
      });
      return params.toString();
    }

    function merge(payload, anchor) {
      var vn = payload.network.vis.nodes;
      var ve = payload.network.vis.edges;
      var origin = nodes.get(anchor) ? network.getPosition(anchor) : { x: 0, y: 0 };
      var fresh = vn.filter(function (n) {
        return !nodes.get(n.id);
      });
      var room = CLIENT_CAP - nodes.length;
      if (fresh.length > room) {
        fresh = fresh.slice(0, Math.max(room, 0));
        setStatus("The page holds " + CLIENT_CAP + " nodes at most: open a node's own view.");
      }
      fresh.forEach(function (n, i) {
        var angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        n.x = origin.x + 160 * Math.cos(angle);
        n.y = origin.y + 160 * Math.sin(angle);
        n.size = Math.min(n.size || 14, 20);
        n.borderWidth = 1;
        n.font = { size: 13 };
        delete n.physics;
      });
      nodes.add(fresh);
      edges.add(
        ve.filter(function (e) {
          return !edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to);
        }),
      );
      if (fresh.length) relax();
      renderTable();
      return fresh.length;
    }

    function fetchJson(url) {
      return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.error ? body.error.message : String(r.status));
          return body;
        });
      });
    }

    function openEntity(id) {
      var node = nodes.get(id);
      if (data.view === "entity" && id === data.network.center && firstPanel) {
        panel.replaceChildren.apply(panel, Array.from(firstPanel.cloneNode(true).childNodes));
        return;
      }
      setStatus("Loading " + node.label + "…");
      var url = "/explore/entity/" + seg(id) + ".json?" + filterQuery({ limit: EXPAND });
      fetchJson(url)
        .then(function (payload) {
          if (panel) {
            panel.replaceChildren.apply(panel, detailsPanel(payload.details));
            panel.setAttribute("data-entity", id);
          }
          var added = opened[id] ? 0 : merge(payload, id);
          opened[id] = true;
          setStatus(payload.details.entity.label + ": " + added + " nodes added.");
        })
        .catch(function (err) {
          setStatus("Could not load " + node.label + ": " + err.message);
        });
    }

    function openMore(node) {
      var parent = node.parent;
      var limit = parent === data.network.center && data.params.limit ? data.params.limit : EXPAND;
      var url =
        "/explore/entity/" + seg(parent) + ".json?" + filterQuery({ offset: node.offset, limit: limit });
      setStatus("Loading more…");
      fetchJson(url)
        .then(function (payload) {
          nodes.remove(node.id);
          edges.remove("more:" + parent);
          var added = merge(payload, parent);
          setStatus(added + " more nodes shown.");
        })
        .catch(function (err) {
          setStatus("Could not load more: " + err.message);
        });
    }

    function openNode(id) {
      var node = nodes.get(id);
      if (!node) return;
      if (node.kind === "more") openMore(node);
      else if (node.kind === "entity") openEntity(id);
    }
    window.kgOpenNode = openNode;

    network.on("click", function (params) {
      if (params.nodes.length) openNode(String(params.nodes[0]));
    });

    /* --- the table of the same nodes and edges -------------------------------------- */

    function renderTable() {
      var nodeRows = document.getElementById("node-rows");
      var edgeRows = document.getElementById("edge-rows");
      if (!nodeRows || !edgeRows) return;
      var rows = nodes.get().map(function (n) {
        var name =
          n.kind === "entity"
            ? el("a", { href: entityHref({ id: n.id, type: n.type }), text: n.name })
            : document.createTextNode(n.label);
        var button = el("button", { type: "button", text: n.kind === "more" ? "Show more" : "Show" });
        button.addEventListener("click", function () {
          network.selectNodes([n.id]);
          network.focus(n.id, { scale: 1.2, animation: false });
          openNode(n.id);
        });
        return el("tr", { "data-id": n.id }, [
          el("td", {}, [name]),
          el("td", { text: n.type || n.kind }),
          el("td", { text: n.hop }),
          el("td", { text: n.weight }),
          el("td", {}, n.kind === "motion" ? [] : [button]),
        ]);
      });
      nodeRows.replaceChildren.apply(nodeRows, rows);
      var label = function (id) {
        var n = nodes.get(id);
        return n ? n.name : id;
      };
      var erows = edges
        .get()
        .filter(function (e) {
          return e.kind !== "more";
        })
        .map(function (e) {
          var dates = (e.first || "") + (e.last && e.last !== e.first ? " – " + e.last : "");
          var what = e.label || e.predicate;
          return el("tr", {}, [
            el("td", { text: label(e.from) }),
            el("td", { text: what }),
            el("td", { text: label(e.to) }),
            el("td", { text: e.count }),
            el("td", { text: dates }),
          ]);
        });
      edgeRows.replaceChildren.apply(edgeRows, erows);
    }
    renderTable();

    /* --- PNG export ------------------------------------------------------------------ */

    var exportButton = document.getElementById("export-png");
    if (exportButton) {
      exportButton.addEventListener("click", function () {
        var canvas = container.querySelector("canvas");
        if (!canvas) return;
        var out = document.createElement("canvas");
        out.width = canvas.width;
        out.height = canvas.height;
        var ctx = out.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, out.width, out.height);
        ctx.drawImage(canvas, 0, 0);
        out.toBlob(function (blob) {
          var name = (data.title || "network").replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60);
          var link = el("a", { href: URL.createObjectURL(blob), download: name + ".png" });
          document.body.appendChild(link);
          link.click();
          window.setTimeout(function () {
            URL.revokeObjectURL(link.href);
            link.remove();
          }, 2000);
        }, "image/png");
      });
    }
  }

  tidyFilters();
  var data = readData();
  if (data) start(data);
})();
