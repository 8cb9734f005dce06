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
