/* SisterTies release site: filter and sort tables, and mark the highlight a link points to.
   Written for this site; no libraries, no network. */
(function () {
  "use strict";

  function cellValue(row, col) {
    var cell = row.cells[col];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }  /* empty cells last */
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) { return x - y; }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function setUpTable(table) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var texts = new Map(rows.map(function (r) { return [r, r.textContent.toLowerCase()]; }));
    var box = document.querySelector('input.filter[aria-controls="' + table.id + '"]');
    var status = box && box.closest(".table-tools").querySelector(".filter-status");

    function filter() {
      var terms = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r) {
        var text = texts.get(r);
        var keep = terms.every(function (t) { return text.indexOf(t) !== -1; });
        r.hidden = !keep;
        if (keep) { shown += 1; }
      });
      if (status) { status.textContent = shown + " of " + rows.length + " rows"; }
    }
    if (box) { box.addEventListener("input", filter); if (box.value) { filter(); } }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, col) {
      var button = th.querySelector("button.sort");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sorted = rows.slice().sort(function (a, b) {
          var c = compare(cellValue(a, col), cellValue(b, col));
          return ascending ? c : -c;
        });
        sorted.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function markTarget() {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.dataset.hl) { return; }
    document.querySelectorAll("[data-hl]").forEach(function (el) {
      if (el.dataset.hl === id) { el.classList.add("current"); }
    });
    target.scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(setUpTable);
    markTarget();
  });
  window.addEventListener("hashchange", markTarget);
}());
