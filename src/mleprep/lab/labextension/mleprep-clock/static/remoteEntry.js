// mleprep-clock: a prebuilt JupyterLab 4 extension, written by hand so that it needs no Node build.
//
// JupyterLab loads a prebuilt extension by running this script, then calling
// window._JUPYTERLAB[name].init(shareScope) and .get("./extension"), whose factory returns a module
// whose default export is the plugin. The plugin needs nothing from the shared scope: it draws a
// plain element and asks the server (mleprep.lab_clock) for the remaining time. The server's answer
// is the truth; between answers the element counts down with the browser's monotonic clock.
(function () {
  "use strict";
  var NAME = "mleprep-clock";
  var RESYNC_MS = 15000;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function formatRemaining(seconds) {
    var s = Math.abs(Math.round(seconds));
    var text = Math.floor(s / 3600) + ":" + pad(Math.floor((s % 3600) / 60)) + ":" + pad(s % 60);
    return seconds < 0 ? "+" + text : text;
  }

  function addStyle() {
    if (document.getElementById("mleprep-clock-style")) return;
    var style = document.createElement("style");
    style.id = "mleprep-clock-style";
    style.textContent =
      "#mleprep-clock{position:fixed;top:3px;right:12px;z-index:10000;padding:2px 10px;" +
      "border-radius:12px;font:600 13px/20px var(--jp-ui-font-family,sans-serif);" +
      "background:var(--jp-layout-color2,#eee);color:var(--jp-ui-font-color1,#222);" +
      "border:1px solid var(--jp-border-color1,#ccc);font-variant-numeric:tabular-nums}" +
      "#mleprep-clock.mleprep-clock-urgent{background:#d92d20;color:#fff;border-color:#b42318}" +
      "#mleprep-clock.mleprep-clock-over{background:#7a271a;color:#fff;border-color:#7a271a}" +
      "#mleprep-clock.mleprep-clock-offline{opacity:.6}";
    document.head.appendChild(style);
  }

  function activate(app) {
    var settings = app.serviceManager.serverSettings;
    var url = settings.baseUrl.replace(/\/?$/, "/") + "mleprep/clock";
    var node = document.createElement("div");
    node.id = "mleprep-clock";
    node.setAttribute("role", "timer");
    node.setAttribute("aria-live", "off");
    node.style.display = "none";
    addStyle();
    document.body.appendChild(node);

    var state = null; // the server's last answer
    var syncedAt = 0; // performance.now() when it arrived

    function currentPath() {
      var widget = app.shell.currentWidget;
      return widget && widget.context && widget.context.path ? widget.context.path : "";
    }

    function chooseAttempt() {
      if (!state) return null;
      var running = state.attempts.filter(function (a) { return !a.submitted; });
      var path = currentPath();
      var mine = running.filter(function (a) { return path.indexOf(a.folder + "/") === 0; });
      var pool = mine.length ? mine : running;
      pool.sort(function (a, b) { return a.remaining_s - b.remaining_s; });
      return pool[0] || null;
    }

    function render() {
      var attempt = chooseAttempt();
      if (!attempt) {
        node.style.display = "none";
        return;
      }
      var elapsed = (performance.now() - syncedAt) / 1000;
      var remaining = attempt.remaining_s - elapsed;
      node.style.display = "";
      node.dataset.assignment = attempt.assignment;
      node.dataset.remainingS = String(Math.round(remaining));
      node.dataset.deadline = attempt.deadline;
      node.classList.toggle("mleprep-clock-urgent", remaining > 0 && remaining <= state.urgent_s);
      node.classList.toggle("mleprep-clock-over", remaining <= 0);
      node.textContent =
        attempt.assignment + " \u00b7 " +
        (remaining > 0 ? formatRemaining(remaining) + " left" : "time is up " + formatRemaining(remaining));
      node.title =
        "Deadline " + new Date(attempt.deadline).toLocaleString() +
        ". Submit with: mleprep submit " + attempt.assignment;
    }

    function sync() {
      var headers = {};
      if (settings.token) headers.Authorization = "token " + settings.token;
      return fetch(url, { credentials: "same-origin", headers: headers, cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error("mleprep clock: HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          state = data;
          syncedAt = performance.now();
          node.classList.remove("mleprep-clock-offline");
          render();
        })
        .catch(function (error) {
          // Keep counting from the last answer; show that it is not confirmed by the server.
          node.classList.add("mleprep-clock-offline");
          console.warn(error);
        });
    }

    sync();
    setInterval(render, 1000);
    setInterval(sync, RESYNC_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) sync();
    });
    if (app.shell.currentChanged) app.shell.currentChanged.connect(render);
  }

  var plugin = {
    id: NAME + ":plugin",
    description: "Shows the time left on the candidate's timed attempt.",
    autoStart: true,
    activate: activate
  };

  var scope = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  scope[NAME] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (module) {
      if (module !== "./extension") {
        return Promise.reject(new Error(NAME + " has no module " + module));
      }
      return Promise.resolve(function () {
        return { __esModule: true, default: plugin };
      });
    }
  };
})();
