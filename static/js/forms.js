/* Forms with errors (WCAG 3.3.1): the error summary takes the focus when the page loads, so that
   a screen reader announces it, and each of its links moves the focus to its field. Loaded by
   templates/forms/error_summary.html; no inline script (CSP). */
(function () {
  "use strict";
  if (window.cpfErrorSummary) return;
  window.cpfErrorSummary = true;

  function focusField(link) {
    var id = decodeURIComponent(link.hash.slice(1));
    var field = document.getElementById(id);
    if (!field) return false;
    var label = document.querySelector('label[for="' + id + '"]') || field.closest("fieldset");
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
    return true;
  }

  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (link && focusField(link)) event.preventDefault();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
