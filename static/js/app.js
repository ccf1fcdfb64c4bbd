/* Back office: progressive enhancement only, no inline script (Content Security Policy). */
(function () {
  "use strict";

  // A form that came back with errors: move focus to its summary, so that screen readers read it
  // and keyboard users start from the list of fields to fix (WCAG 3.3.1).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  // A table wider than a phone scrolls inside its .table-responsive box: keyboard users must be
  // able to reach and scroll it (WCAG 2.1.1), so the box becomes a focusable, named region.
  function markScrollableTables() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  markScrollableTables();
  window.addEventListener("resize", markScrollableTables);
  document.body.addEventListener("htmx:afterSwap", markScrollableTables);
}());
