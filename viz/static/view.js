// Draws the figure that viz/render.py embedded; every document text goes in through textContent only.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  if (location.protocol === "file:") {
    document.querySelectorAll(".served-only").forEach((el) => el.remove());
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function card(info) {
    const box = el("div", undefined, "tip");
    box.appendChild(el("h2", info.title));
    if (info.text) box.appendChild(el("blockquote", info.text));
    if (info.rows.length) {
      const table = el("table");
      for (const [k, v] of info.rows) {
        const tr = el("tr");
        tr.appendChild(el("th", k));
        tr.appendChild(el("td", v));
        table.appendChild(tr);
      }
      box.appendChild(table);
    }
    if (info.sentences.length) {
      const ul = el("ul");
      for (const s of info.sentences) ul.appendChild(el("li", s));
      box.appendChild(ul);
    }
    if (info.link) {
      const a = el("a", "evidence (API)");
      a.href = info.link;
      a.target = "_blank";
      a.rel = "noopener";
      box.appendChild(a);
    }
    return box;
  }

  // Tooltips are built on hover, not up front: thousands of detached cards would slow the first draw.
  const infos = new Map();
  for (const n of data.nodes) {
    infos.set(n.id, n.info);
    delete n.info;
  }
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.inspectkg = { network: network, nodes: nodes, edges: edges, infos: infos, drawn: false };
  network.once("afterDrawing", function () {
    window.inspectkg.drawn = true;
    window.inspectkg.drawnAt = performance.now();
    document.body.dataset.drawn = String(nodes.length);
  });

  const tip = el("div", undefined, "hover-tip");
  tip.hidden = true;
  container.appendChild(tip);
  network.on("hoverNode", function (params) {
    tip.replaceChildren(card(infos.get(params.node)));
    const x = params.pointer.DOM.x, y = params.pointer.DOM.y;
    tip.style.left = Math.min(x + 14, container.clientWidth - 440) + "px";
    tip.style.top = Math.min(y + 14, Math.max(0, container.clientHeight - tip.offsetHeight - 10)) + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("zoom", function () { tip.hidden = true; });

  // Tall timelines open at the top, fitted to the width, so lane and document labels are readable.
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const n of data.nodes) {
    minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x);
    minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
  }
  // Lane labels are centred left of the columns: leave room for the longest of them.
  const left = minX - 300, right = maxX + 100;
  const scale = Math.min(1.0, container.clientWidth / (right - left));
  if (data.start === "top" && (maxY - minY + 200) * scale > container.clientHeight) {
    network.moveTo({
      position: { x: (left + right) / 2, y: minY - 60 + container.clientHeight / 2 / scale },
      scale: scale,
    });
  }

  const details = document.getElementById("details");
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    details.replaceChildren(card(infos.get(params.nodes[0])));
  });

  const shown = { polarity: new Set(), kind: new Set() };
  document.querySelectorAll("#toggles input[data-polarity]").forEach((b) => shown.polarity.add(b.dataset.polarity));
  document.querySelectorAll("#toggles input[data-kind]").forEach((b) => shown.kind.add(b.dataset.kind));
  function applyToggles() {
    const updates = [];
    nodes.forEach(function (n) {
      if (n.role !== "finding" && n.role !== "group") return;
      const hidden = !shown.polarity.has(n.polarity) || (n.role === "finding" && !shown.kind.has(n.kind));
      if (Boolean(n.hidden) !== hidden) updates.push({ id: n.id, hidden: hidden });
    });
    nodes.update(updates);
  }
  document.querySelectorAll("#toggles input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.id === "team-links") {
        const upd = [];
        edges.forEach((e) => { if (e.role === "team-link") upd.push({ id: e.id, hidden: !box.checked }); });
        edges.update(upd);
        return;
      }
      const set = box.dataset.polarity ? shown.polarity : shown.kind;
      const value = box.dataset.polarity || box.dataset.kind;
      if (box.checked) set.add(value); else set.delete(value);
      applyToggles();
    });
  });

  document.getElementById("search").addEventListener("change", function (ev) {
    const words = ev.target.value.trim().toLowerCase();
    if (!words) { network.unselectAll(); return; }
    const hits = [];
    infos.forEach(function (info, id) {
      const hay = [info.title, info.text].concat(info.sentences).join(" ").toLowerCase();
      if (hay.includes(words)) hits.push(id);
    });
    network.selectNodes(hits);
    if (hits.length) network.fit({ nodes: hits, animation: false });
  });
})();
