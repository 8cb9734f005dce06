// Reader settings live here, in the browser: pages stay identical for all.
// early.js applies the stored choices to <html> before the first paint;
// this keeps the settings panel in step and applies changes at once.
var khabarDigits = (function () {
  "use strict";
  var root = document.documentElement;
  var PREFIX = "khabar:", MIN = -2, MAX = 6;
  var WESTERN = "0123456789", EASTERN = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669";
  var SKIP = { SCRIPT: 1, STYLE: 1, TEXTAREA: 1, INPUT: 1, CODE: 1, PRE: 1 };

  function read(name) {
    try { return localStorage.getItem(PREFIX + name) || ""; } catch (e) { return ""; }
  }
  function write(name, value) {
    try {
      if (value) localStorage.setItem(PREFIX + name, value);
      else localStorage.removeItem(PREFIX + name);
    } catch (e) { /* private mode: the choice lasts for this page */ }
  }

  // One style of digits on the page, whichever the text was written in.
  function digits(text) {
    var from = root.hasAttribute("data-digits") ? WESTERN : EASTERN;
    var to = from === WESTERN ? EASTERN : WESTERN;
    return text.replace(from === WESTERN ? /[0-9]/g : /[\u0660-\u0669]/g, function (d) {
      return to.charAt(from.indexOf(d));
    });
  }
  function convert(node) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {
      acceptNode: function (text) {
        var parent = text.parentNode;
        if (SKIP[parent.nodeName] || parent.closest("[data-keep-digits], .permalink")) {
          return NodeFilter.FILTER_REJECT;
        }
        return /[0-9\u0660-\u0669]/.test(text.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    var text;
    while ((text = walker.nextNode())) text.data = digits(text.data);
  }

  function fontStep() {
    var value = parseInt(getComputedStyle(root).getPropertyValue("--font-step"), 10);
    return isNaN(value) ? 0 : value;
  }
  function setFontStep(step) {
    step = Math.max(MIN, Math.min(MAX, step));
    root.style.setProperty("--font-step", String(step));
    write("font-size", step ? String(step) : "");
  }

  var apply = {
    theme: function (value) {
      if (value) root.setAttribute("data-theme", value);
      else root.removeAttribute("data-theme");
    },
    digits: function (value) {
      root.toggleAttribute("data-digits", value === "eastern");
      convert(document.body);
    },
    hijri: function (value) { root.toggleAttribute("data-hijri", !!value); }
  };

  function ready() {
    var inputs = document.querySelectorAll("[data-setting]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i], stored = read(input.getAttribute("data-setting"));
      input.checked = input.type === "checkbox" ? !!stored : input.value === stored;
    }
    // Western digits are what the server writes: walk the page only when
    // the reader chose Eastern ones or the text has some of them.
    if (root.hasAttribute("data-digits") || /[\u0660-\u0669]/.test(document.body.textContent)) {
      convert(document.body);
    }
  }

  document.addEventListener("change", function (event) {
    var input = event.target, name = input.getAttribute && input.getAttribute("data-setting");
    if (!name) return;
    var value = input.type === "checkbox" ? (input.checked ? input.value : "") : input.value;
    write(name, value);
    apply[name](value);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-font-step]");
    if (button) setFontStep(fontStep() + parseInt(button.getAttribute("data-font-step"), 10));
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  return digits;
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
    if (isNaN(shown) || views > shown) counter.textContent = khabarDigits(String(views));
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
