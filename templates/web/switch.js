// The language switch: Chinese, English or both. The choice comes from ?lang= (zh, en, both),
// else from the last visit, else both; it is remembered and written into the address, so a
// shared link opens in the same language. Without this script the page shows both languages.
(function () {
  "use strict";
  var KEY = "aimap-publish-lang";
  var CHOICES = ["zh", "en", "both"];
  var root = document.documentElement;
  var switcher = document.querySelector(".switch");
  if (!switcher) { return; }
  var buttons = Array.prototype.slice.call(switcher.querySelectorAll("button"));

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return null; }
  }

  function choose(choice, remember) {
    if (CHOICES.indexOf(choice) < 0) { choice = "both"; }
    root.setAttribute("data-lang", choice);
    root.setAttribute("lang", choice === "en" ? "en" : "zh-CN");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-lang") === choice));
    });
    if (remember) {
      try { window.localStorage.setItem(KEY, choice); } catch (error) { /* private mode */ }
      var url = new URL(window.location.href);
      url.searchParams.set("lang", choice);
      try { window.history.replaceState(null, "", url.href); } catch (error) { /* file:// */ }
    }
  }

  var asked = new URLSearchParams(window.location.search).get("lang");
  choose(asked || stored() || "both", Boolean(asked));
  buttons.forEach(function (button) {
    button.addEventListener("click", function () { choose(button.getAttribute("data-lang"), true); });
  });
  switcher.hidden = false;
})();
