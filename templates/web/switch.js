// The language switch: Chinese, English or both. The choice comes from ?lang= (zh, en, both and
// their region forms: zh-CN, zh-Hans, en-US, …), else from the last visit, else both; it is
// remembered and written into the address, so a shared link opens in the same language; the
// document's title and language follow it. Without this script the page shows both languages.
// Also the reading-progress cue under the header.
(function () {
  "use strict";
  var KEY = "aimap-publish-lang";
  var root = document.documentElement;

  function normal(asked) {
    var value = String(asked || "").trim().toLowerCase().replace(/_/g, "-");
    if (!value) { return null; }
    if (value === "both" || value === "bilingual" || value === "zh-en" || value === "all") { return "both"; }
    var primary = value.split("-")[0];
    if (primary === "zh" || primary === "cn" || primary === "chinese") { return "zh"; }
    if (primary === "en" || primary === "english") { return "en"; }
    return null;
  }

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return null; }
  }

  var switcher = document.querySelector(".switch");
  if (switcher) {
    var buttons = Array.prototype.slice.call(switcher.querySelectorAll("button"));
    var choose = function (choice, remember) {
      choice = normal(choice) || "both";
      root.setAttribute("data-lang", choice);
      root.setAttribute("lang", choice === "en" ? "en" : "zh-CN");
      var title = root.getAttribute("data-title-" + (choice === "both" ? "zh" : choice));
      if (choice === "both") { title = [root.getAttribute("data-title-zh"), root.getAttribute("data-title-en")].join(" · "); }
      if (title) { document.title = title; }
      switcher.setAttribute("aria-label", switcher.getAttribute("data-label-" + (choice === "en" ? "en" : "zh")));
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-lang") === choice));
      });
      if (remember) {
        try { window.localStorage.setItem(KEY, choice); } catch (error) { /* private mode */ }
        try {
          var url = new URL(window.location.href);
          url.searchParams.set("lang", choice);
          window.history.replaceState(null, "", url.href);
        } catch (error) { /* file:// in some browsers */ }
      }
    };
    var asked = normal(new URLSearchParams(window.location.search).get("lang"));
    choose(asked || normal(stored()) || "both", Boolean(asked));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { choose(button.getAttribute("data-lang"), true); });
    });
    switcher.hidden = false;
  }

  var bar = document.querySelector(".progress span");
  if (bar) {
    var waiting = false;
    var update = function () {
      waiting = false;
      var room = root.scrollHeight - window.innerHeight;
      bar.style.transform = "scaleX(" + (room > 0 ? Math.min(1, Math.max(0, window.scrollY / room)) : 1) + ")";
    };
    window.addEventListener("scroll", function () {
      if (!waiting) { waiting = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    window.addEventListener("resize", update);
    update();
  }
})();
