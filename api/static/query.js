// The SPARQL query page: example queries (examples.json), a textarea, and results as a table
// or raw text.
// Plain JavaScript, no libraries; results are inserted as text, never as HTML.
"use strict";

const form = document.getElementById("query-form");
const textarea = document.getElementById("query");
const formatSelect = document.getElementById("format");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");
const notice = document.getElementById("notice");

async function showExamples() {
  const list = document.getElementById("examples");
  let examples = [];
  try {
    const response = await fetch("/static/examples.json");
    examples = await response.json();
  } catch (_) {
    return; // the page still works without examples
  }
  for (const example of examples) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = example.title;
    button.addEventListener("click", () => {
      textarea.value = example.query;
      formatSelect.value = example.format || "table";
      textarea.focus();
    });
    item.appendChild(button);
    list.appendChild(item);
  }
}

function termText(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return `${term.value} @${term["xml:lang"]}`;
  return term.value;
}

function renderTable(data) {
  const table = document.createElement("table");
  if (typeof data.boolean === "boolean") {
    const p = document.createElement("p");
    p.className = "boolean";
    p.textContent = data.boolean ? "true" : "false";
    results.replaceChildren(p);
    return;
  }
  const vars = data.head.vars;
  const head = table.createTHead().insertRow();
  for (const name of vars) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of vars) {
      const cell = row.insertCell();
      const term = binding[name];
      if (term && term.type === "uri") {
        const link = document.createElement("a");
        link.href = term.value;
        link.rel = "noopener noreferrer";
        link.textContent = term.value;
        cell.appendChild(link);
      } else {
        cell.textContent = termText(term);
      }
    }
  }
  const count = document.createElement("p");
  count.textContent = `${data.results.bindings.length} row(s)`;
  results.replaceChildren(count, table);
}

function renderText(text) {
  const pre = document.createElement("pre");
  pre.textContent = text;
  results.replaceChildren(pre);
}

function isGraphQuery(query) {
  const withoutPrologue = query.replace(/#[^\n]*/g, "").replace(/(PREFIX|BASE)[^>]*>/gi, "");
  return /^\s*(CONSTRUCT|DESCRIBE)\b/i.test(withoutPrologue);
}

async function run(event) {
  event.preventDefault();
  const query = textarea.value;
  let format = formatSelect.value;
  const graphQuery = isGraphQuery(query);
  const table = format === "table" && !graphQuery;
  if (format === "table") format = graphQuery ? "text/turtle" : "application/sparql-results+json";
  statusLine.textContent = "Running…";
  notice.hidden = true;
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: format },
      body: query,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = JSON.parse(text).error.message;
      } catch (_) {
        // not our JSON error shape: show the text as it is
      }
      statusLine.textContent = `Error ${response.status} (${seconds} s)`;
      renderText(message);
      return;
    }
    statusLine.textContent = `Done in ${seconds} s`;
    if (response.headers.get("X-KG-Truncated") === "true") {
      notice.textContent = `Only the first ${response.headers.get("X-KG-Max-Rows")} results are shown.`;
      notice.hidden = false;
    }
    if (table) renderTable(JSON.parse(text));
    else renderText(text);
  } catch (error) {
    statusLine.textContent = "The server did not answer.";
    renderText(String(error));
  }
}

showExamples();
form.addEventListener("submit", run);
textarea.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
});
