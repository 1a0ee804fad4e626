// reportgen default theme: small enhancements; every page works without them.
// - the index table: sort by any column, filter by text and tag;
// - scorecards: a tap on a finding's marker opens its explanation in place (hover and focus need no
//   script; without script the marker links to the numbered note).
(function () {
  "use strict";

  function sortValue(cell, numeric) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    return raw === "" ? NaN : parseFloat(raw);
  }

  function compare(a, b, numeric) {
    if (!numeric) return a < b ? -1 : a > b ? 1 : 0;
    if (isNaN(a)) return isNaN(b) ? 0 : 1; // no value sorts last
    if (isNaN(b)) return -1;
    return a - b;
  }

  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    Array.prototype.forEach.call(headers, function (th, column) {
      var numeric = th.getAttribute("data-type") === "number";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.forEach(function (row, i) { row.originalIndex = i; });
        rows.sort(function (r1, r2) {
          var order = compare(sortValue(r1.cells[column], numeric), sortValue(r2.cells[column], numeric), numeric);
          if (!ascending && order !== 0) order = -order;
          return order || r1.originalIndex - r2.originalIndex;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(table, panel) {
    var text = document.getElementById("filter-text");
    var tag = document.getElementById("filter-tag");
    var count = document.getElementById("filter-count");
    function apply() {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = tag.value;
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var haystack = row.textContent.toLowerCase();
        var tags = (row.getAttribute("data-tags") || "").split("|");
        var ok = words.every(function (w) { return haystack.indexOf(w) !== -1; }) &&
          (!wanted || tags.indexOf(wanted) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + table.tBodies[0].rows.length + " shown";
    }
    text.addEventListener("input", apply);
    tag.addEventListener("change", apply);
    panel.hidden = false;
    apply();
  }

  function makeMarkersTappable() {
    document.addEventListener("click", function (event) {
      var marker = event.target.closest ? event.target.closest(".mk") : null;
      Array.prototype.forEach.call(document.querySelectorAll(".fn.open"), function (fn) {
        if (!marker || fn !== marker.parentNode) fn.classList.remove("open");
      });
      if (marker) {
        event.preventDefault(); // show the explanation here instead of jumping to the note
        marker.parentNode.classList.toggle("open");
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      Array.prototype.forEach.call(document.querySelectorAll(".fn.open"), function (fn) { fn.classList.remove("open"); });
      if (document.activeElement && document.activeElement.classList.contains("mk")) document.activeElement.blur();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table.sortable");
    if (table) makeSortable(table);
    var panel = document.getElementById("filters");
    if (table && panel) makeFilterable(table, panel);
    if (document.querySelector(".mk")) makeMarkersTappable();
  });
})();
