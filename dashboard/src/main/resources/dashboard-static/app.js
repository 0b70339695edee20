// Clarity dashboard: CSRF header for htmx, the grid socket (refresh signals) and the log socket (backlog, then
// live lines, resumed after a reconnect from the last sequence number shown, so nothing is missed or repeated).
// While the grid socket is down, a "clarity-poll" event every 5 s makes the panels refresh themselves instead.
// All script lives here: the pages carry no inline script or handler (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');
  document.body.addEventListener("htmx:configRequest", function (e) {
    if (csrf) { e.detail.headers["X-CSRF-Token"] = csrf.getAttribute("content"); }
  });

  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var status = document.getElementById("live-status");
  window.claritySocketDown = true;

  function setLive(up) {
    window.claritySocketDown = !up;
    if (status) { status.className = "live-status " + (up ? "up" : "down"); status.dataset.live = up ? "up" : "down"; }
  }

  function connectGrid(delay) {
    var ws = new WebSocket(scheme + location.host + "/ws/grid");
    ws.onopen = function () { setLive(true); delay = 500; };
    ws.onmessage = function (m) {
      var msg = JSON.parse(m.data);
      if (msg.type === "grid") { htmx.trigger(document.body, "grid-changed"); }
      if (msg.type === "runners") { htmx.trigger(document.body, "runners-changed"); }
    };
    ws.onclose = function (e) {
      setLive(false);
      // 1008: the server ended the socket because the session ended; the reload leads to the sign-in page
      if (e.code === 1008) { location.reload(); return; }
      setTimeout(function () { connectGrid(Math.min((delay || 500) * 2, 5000)); }, delay || 500);
    };
  }

  function connectLog(box, delay) {
    var id = box.dataset.logExecution;
    var after = Number(box.dataset.lastSeq || "0");
    var ws = new WebSocket(scheme + location.host + "/ws/executions/" + id + "/log?after=" + after);
    ws.onopen = function () { delay = 500; box.dataset.connected = "yes"; };
    ws.onmessage = function (m) {
      var msg = JSON.parse(m.data);
      if (msg.type !== "events") { return; }
      var stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
      msg.items.forEach(function (ev) {
        var last = Number(box.dataset.lastSeq || "0");
        if (ev.seq <= last) { return; }
        var line = document.createElement("div");
        line.className = "line sev-" + ev.severity + " kind-" + ev.kind;
        line.dataset.seq = ev.seq;
        line.textContent = "#" + ev.seq + " " + (ev.at || "").substring(11, 19) + " " + ev.kind +
          (ev.taskId ? " [" + ev.taskId + (ev.step ? " " + ev.step : "") + "]" : "") + " " + ev.message;
        box.appendChild(line);
        box.dataset.lastSeq = String(ev.seq);
      });
      if (stick) { box.scrollTop = box.scrollHeight; }
    };
    ws.onclose = function (e) {
      if (e.code === 1008) {
        // the server ended it: this viewer may no longer read this log (signed out, or access taken away)
        box.dataset.connected = "ended";
        var end = document.createElement("div");
        end.className = "line sev-warn";
        end.id = "log-ended";
        end.textContent = "Live log ended: " + (e.reason || "access ended") + " Reload the page to try again.";
        box.appendChild(end);
        return;
      }
      box.dataset.connected = "no";
      setTimeout(function () { connectLog(box, Math.min((delay || 500) * 2, 5000)); }, delay || 500);
    };
    box.claritySocket = ws;
  }

  // <time datetime=…> as the reader's own local time; the exact moment stays in the title for the hover
  function localTimes(root) {
    var list = (root || document).querySelectorAll("time[datetime]:not([data-local])");
    Array.prototype.forEach.call(list, function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (isNaN(d.getTime())) { return; }
      t.textContent = d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
      t.title = d.toLocaleString(undefined, { dateStyle: "full", timeStyle: "long" }) + " (" + t.getAttribute("datetime") + ")";
      t.dataset.local = "yes";
    });
  }
  localTimes(document);
  document.body.addEventListener("htmx:afterSwap", function (e) { localTimes(e.target); });

  setInterval(function () {
    if (window.claritySocketDown) { htmx.trigger(document.body, "clarity-poll"); }
  }, 5000);

  if (document.querySelector(".top")) { connectGrid(500); }
  var log = document.querySelector("[data-log-execution]");
  if (log) { connectLog(log, 500); }
})();
