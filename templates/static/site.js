// reportgen default theme: small enhancements; every page works without them.
// - the index table: sort by any column, filter by text and tag;
// - scorecards: a tap on a finding's marker opens its explanation in place (hover and focus need no
//   script; without script the marker links to the numbered note); a link to a finding of a hidden
//   category shows that category again.
(function () {
  "use strict";

  // A cell's sort key: a number or lower-case text, or null when the cell has no value.
  function sortValue(cell, numeric) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    if (raw === "") return null;
    if (!numeric) return raw.toLowerCase();
    var number = parseFloat(raw);
    return isNaN(number) ? null : number;
  }

  function compare(a, b, numeric) {
    if (numeric) return a - b;
    return a < b ? -1 : a > b ? 1 : 0;
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
          var a = sortValue(r1.cells[column], numeric), b = sortValue(r2.cells[column], numeric);
          var order;
          if (a === null || b === null) order = (a === null) - (b === null); // no value sorts last, both ways
          else order = ascending ? compare(a, b, numeric) : compare(b, a, numeric);
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
        var haystack = (row.textContent + " " + (row.getAttribute("data-search") || "")).toLowerCase();
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

  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }

  // Escape dismisses an open explanation, even one shown by hover or focus (WCAG 1.4.13), until the
  // pointer or the focus moves to something else.
  function makeMarkersTappable() {
    document.addEventListener("click", function (event) {
      var marker = event.target.closest ? event.target.closest(".mk") : null;
      each(".fn.open", function (fn) {
        if (!marker || fn !== marker.parentNode) fn.classList.remove("open");
      });
      if (marker) {
        event.preventDefault(); // show the explanation here instead of jumping to the note
        marker.parentNode.classList.remove("dismissed");
        marker.parentNode.classList.toggle("open");
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      each(".fn.open, .fn:hover, .fn:focus-within", function (fn) {
        fn.classList.remove("open");
        fn.classList.add("dismissed");
      });
    });
    function undismiss(event) {
      each(".fn.dismissed", function (fn) {
        if (!fn.contains(event.target)) fn.classList.remove("dismissed");
      });
    }
    document.addEventListener("focusin", undismiss);
    document.addEventListener("mouseover", undismiss);
  }

  // A link to a finding whose category is switched off (the notes list, the sources table) switches
  // it back on first, so that the jump lands on a marker the reader can see.
  function revealLinkedFindings() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="#f"]') : null;
      var marker = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
      var match = marker ? /\bfn-(\w+)/.exec(marker.parentNode.className) : null;
      var toggle = match ? document.getElementById("show-" + match[1]) : null;
      if (toggle && !toggle.checked) toggle.checked = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table.sortable");
    if (table) makeSortable(table);
    var panel = document.getElementById("filters");
    if (table && panel) makeFilterable(table, panel);
    if (document.querySelector(".mk")) {
      makeMarkersTappable();
      revealLinkedFindings();
    }
  });
})();
