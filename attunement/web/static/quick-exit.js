// Quick exit (issue 6): the button, or Shift pressed three times within two seconds, blanks
// the page at once, then submits the exit form: the server ends the session, clears what the
// browser kept (Clear-Site-Data) and sends it to a neutral site. location.replace would keep
// this page out of history, but the POST must reach the server, so the form does the leaving.
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
    blank();
    try { sessionStorage.clear(); localStorage.clear(); } catch (ignored) { /* private mode */ }
    document.body.appendChild(form);
    form.submit();
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
