// Only in `reportgen serve`: reload the page when the site has been rebuilt.
// The server holds each request until the next rebuild (or a timeout), so the reload is immediate.
(function () {
  "use strict";
  var seen = null;
  function check() {
    var url = "/__reportgen_version" + (seen === null ? "" : "?after=" + encodeURIComponent(seen));
    fetch(url, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (version) {
        if (seen !== null && version !== seen) window.location.reload();
        else { seen = version; check(); }
      })
      .catch(function () { window.setTimeout(check, 1000); /* server stopped or restarting: try again */ });
  }
  check();
})();
