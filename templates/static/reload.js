// Only in `reportgen serve`: reload the page when the site has been rebuilt.
(function () {
  "use strict";
  var seen = null;
  function check() {
    fetch("/__reportgen_version", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : seen; })
      .then(function (version) {
        if (seen === null) seen = version;
        else if (version !== seen) window.location.reload();
      })
      .catch(function () { /* server stopped or restarting: try again */ })
      .then(function () { window.setTimeout(check, 1000); });
  }
  check();
})();
