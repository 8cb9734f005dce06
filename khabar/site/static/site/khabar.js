// Per-reader things live here, in the browser: pages stay identical for all.
(function () {
  "use strict";
  var KEY = "khabar:font-size", MIN = -2, MAX = 6;
  var root = document.documentElement;

  function current() {
    var value = parseInt(getComputedStyle(root).getPropertyValue("--font-step"), 10);
    return isNaN(value) ? 0 : value;
  }

  function apply(step) {
    step = Math.max(MIN, Math.min(MAX, step));
    root.style.setProperty("--font-step", String(step));
    try { localStorage.setItem(KEY, String(step)); } catch (e) { /* private mode */ }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-font-step]");
    if (button) apply(current() + parseInt(button.getAttribute("data-font-step"), 10));
  });
})();

// The view beacon. Pages are cached and the same for everyone, so a view is
// counted by this small request once the page is really shown: not while it
// is prerendered or opened in a background tab. fetch() with keepalive is
// used rather than navigator.sendBeacon() because its answer carries the
// stored count, which refreshes a number that a cached page may show stale.
(function () {
  "use strict";
  var article = document.querySelector("[data-beacon]");
  if (!article) return;
  var url = article.getAttribute("data-beacon");
  var sent = false;

  function show(views) {
    var counter = document.querySelector("[data-views]");
    if (!counter || typeof views !== "number") return;
    var shown = parseInt(counter.textContent, 10);
    if (isNaN(shown) || views > shown) counter.textContent = String(views);
  }

  function send() {
    if (sent || document.prerendering || document.visibilityState !== "visible") return;
    sent = true;
    if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) show(data.views); })
        .catch(function () { /* offline: the view is simply not counted */ });
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    }
  }

  document.addEventListener("prerenderingchange", send);
  document.addEventListener("visibilitychange", send);
  // Back/forward cache: the reader is looking at the page again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) sent = false;
    send();
  });
  send();
})();
