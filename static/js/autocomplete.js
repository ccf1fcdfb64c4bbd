/* Long choice lists as an accessible autocomplete (WAI-ARIA combobox, Bootstrap Italia's
   SelectAutocomplete over alphagov's accessible-autocomplete). Progressive enhancement: the page
   renders a plain <select> inside <div data-autocomplete="/scelte/<source>/">, which keeps working
   without JavaScript. With it, the select is hidden (still submitted) and an input takes its id,
   so the label and the error summary's link point at the input; what is typed is searched on the
   server (core/autocomplete.py, scoped, at most 20 matches) and only the options the select itself
   offers are proposed. Typing clears the choice until a suggestion is confirmed. */
(function () {
  "use strict";
  if (window.cpfAutocomplete) return;
  window.cpfAutocomplete = true;

  function enhance(box) {
    var select = box.querySelector("select");
    if (!select || select.multiple || !window.bootstrap || !window.bootstrap.SelectAutocomplete) return;
    var id = select.id;
    var allowed = {};
    Array.prototype.forEach.call(select.options, function (o) { if (o.value) allowed[o.value] = true; });
    var current = select.selectedIndex >= 0 && select.value ? select.options[select.selectedIndex].text : "";
    var byLabel = {};
    var asked = 0;
    var holder = document.createElement("div");
    box.appendChild(holder);
    select.id = id + "_select";
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    new window.bootstrap.SelectAutocomplete(holder, {
      id: id,
      minLength: 2,
      defaultValue: current,
      required: select.required,
      showNoOptionsFound: true,
      source: function (query, populate) {
        var mine = ++asked;
        fetch(box.dataset.autocomplete + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            if (mine !== asked) return; // an older answer arriving late
            byLabel = {};
            var labels = [];
            data.results.forEach(function (item) {
              if (allowed[item.value] && !(item.label in byLabel)) {
                byLabel[item.label] = item.value;
                labels.push(item.label);
              }
            });
            populate(labels);
          })
          .catch(function () { populate([]); });
      },
      onConfirm: function (label) {
        if (label && label in byLabel) select.value = byLabel[label];
      },
    });

    var input = document.getElementById(id);
    if (!input) return;
    ["aria-describedby", "aria-invalid", "aria-required"].forEach(function (name) {
      var value = select.getAttribute(name);
      if (value) input.setAttribute(name, value);
    });
    input.addEventListener("input", function () { select.value = ""; });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-autocomplete]"), enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
