// Live updates for the dialogue screen: when the partner moves, fetch this person's own view
// and swap it in without a reload, keeping anything typed. Drafts also survive a reload
// (sessionStorage, cleared on log-out). The socket carries only "moved to version n".
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) { return; }
  var status = document.getElementById("connection");
  var version = Number(live.dataset.version);
  var fetching = false;
  var again = false;
  var retryMs = 500;

  function draftKey(area) { return "draft:" + area.dataset.draft; }

  function keepDrafts(root) {
    root.querySelectorAll("textarea[data-draft]").forEach(function (area) {
      var saved = sessionStorage.getItem(draftKey(area));
      if (saved && !area.value) { area.value = saved; }
      area.addEventListener("input", function () {
        sessionStorage.setItem(draftKey(area), area.value);
      });
    });
    root.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("textarea[data-draft]").forEach(function (area) {
          sessionStorage.removeItem(draftKey(area));
        });
        var button = form.querySelector("button[type=submit]");
        if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
      });
    });
  }

  function typed(root) {
    var values = {};
    root.querySelectorAll("textarea[data-draft]").forEach(function (area) {
      if (area.value) { values[area.dataset.draft] = area.value; }
    });
    return values;
  }

  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    var before = typed(live);
    var focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.draft : null;
    fetch(live.dataset.panel, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        // No longer this person's to see (a witness the client stopped sharing with, say):
        // show the page as it now is rather than asking again and again.
        if (response.status === 404) { window.location.reload(); throw new Error("gone"); }
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.text();
      })
      .then(function (html) {
        live.innerHTML = html;
        // The partner said the code word: this exercise waits, and the break has its own page.
        var goto = live.querySelector("[data-goto]");
        if (goto) { window.location.assign(goto.dataset.goto); return; }
        var inner = live.querySelector(".live-inner");
        if (inner) { version = Number(inner.dataset.version); }
        live.querySelectorAll("textarea[data-draft]").forEach(function (area) {
          if (before[area.dataset.draft] && !area.value) { area.value = before[area.dataset.draft]; }
          if (focused && area.dataset.draft === focused) { area.focus(); }
        });
        keepDrafts(live);
      })
      .catch(function () { again = true; })
      .finally(function () {
        fetching = false;
        if (again) { again = false; window.setTimeout(refresh, 300); }
      });
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    // The last version this screen showed: the server answers with the current one at once,
    // so moves made while the socket was down are fetched on reconnect.
    var since = "?since=" + encodeURIComponent(String(version));
    var socket = new WebSocket(scheme + window.location.host + live.dataset.socket + since);
    socket.addEventListener("open", function () {
      retryMs = 500;
      if (status) { status.dataset.state = "live"; }
    });
    socket.addEventListener("message", function (event) {
      var moved = JSON.parse(event.data);
      if (moved.version > version) { refresh(); }
    });
    socket.addEventListener("close", function () {
      if (status) { status.dataset.state = "offline"; }
      window.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    });
  }

  keepDrafts(live);
  connect();
}());
