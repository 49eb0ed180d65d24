// Quick exit (issue 6): the button, or Shift pressed three times within two seconds, blanks
// the page at once, tells the server to end the session and clear this site's data (a
// keep-alive POST to /exit), and replaces this page in history with a neutral site, so Back
// does not return to it. Without scripts the button is a plain form that does the same.
(function () {
  "use strict";
  var presses = [];

  function blank() {
    document.title = "";
    document.documentElement.style.background = "#fff";
    document.body.innerHTML = "";
    document.body.style.background = "#fff";
  }

  function leave(form) {
    var target = form.getAttribute("data-exit") || "about:blank";
    blank();
    try { sessionStorage.clear(); localStorage.clear(); } catch (ignored) { /* private mode */ }
    try {
      fetch("/exit", { method: "POST", keepalive: true, credentials: "same-origin", redirect: "manual" });
    } catch (ignored) { /* leave all the same */ }
    window.location.replace(target);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("quick-exit");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      leave(form);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift" || event.repeat) { return; }
      var now = Date.now();
      presses = presses.filter(function (at) { return now - at < 2000; });
      presses.push(now);
      if (presses.length >= 3) { leave(form); }
    });
  });

  // A page brought back from the back-forward cache shows nothing until it is fetched again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { blank(); window.location.reload(); }
  });
})();
