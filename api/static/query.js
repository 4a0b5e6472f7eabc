"use strict";
// The query page: runs the query with fetch (SPARQL 1.1 Protocol, POST form) and shows a table.
(function () {
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const select = document.getElementById("example");
  const text = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  for (const ex of examples) {
    const option = document.createElement("option");
    option.value = ex.name;
    option.textContent = ex.title + " (" + ex.name + ")";
    select.appendChild(option);
  }
  select.addEventListener("change", function () {
    const ex = examples.find(function (e) { return e.name === select.value; });
    if (ex) {
      text.value = ex.sparql;
      document.getElementById("description").textContent = ex.description;
    }
  });
  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = term.value;
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
    }
    return td;
  }
  function show(data) {
    results.textContent = "";
    if (typeof data.boolean === "boolean") {
      results.textContent = String(data.boolean);
      return;
    }
    const vars = data.head.vars;
    const table = document.createElement("table");
    const head = table.insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    for (const row of data.results.bindings) {
      const tr = table.insertRow();
      for (const v of vars) tr.appendChild(cell(row[v]));
    }
    results.appendChild(table);
    status.textContent = data.results.bindings.length + " rows";
  }
  document.getElementById("form").addEventListener("submit", async function (event) {
    event.preventDefault();
    status.className = "";
    status.textContent = "running…";
    const started = performance.now();
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { "Accept": "application/sparql-results+json, text/turtle;q=0.5",
                 "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query: text.value }),
    });
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      const error = await response.json().catch(function () { return { message: response.statusText }; });
      status.className = "error";
      status.textContent = error.message;
      results.textContent = "";
      return;
    }
    if (type.indexOf("json") >= 0) {
      show(await response.json());
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      results.textContent = "";
      results.appendChild(pre);
      status.textContent = "";
    }
    status.textContent += " in " + Math.round(performance.now() - started) + " ms";
  });
  document.getElementById("download").addEventListener("click", function () {
    const params = new URLSearchParams({ query: text.value, format: document.getElementById("format").value });
    window.location.href = "/sparql?" + params.toString();
  });
})();
