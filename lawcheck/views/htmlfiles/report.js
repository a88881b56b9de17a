{# Included in the report page as a template: the page writes the count line's words
   (lawcheck.views.html.script_words, from the wording catalogue) as JavaScript strings. #}
// Optional filtering for the scenario matrix. The page reads fully without it.
(function () {
  "use strict";
  var form = document.getElementById("controls");
  var table = document.getElementById("matrix-table");
  if (!form || !table) { return; }
  form.hidden = false;
  var only = document.getElementById("only-divergent");
  var pair = document.getElementById("pair");
  var shown = document.getElementById("shown");
  var rows = table.tBodies[0].rows;

  function apply() {
    var chosen = pair.value ? pair.value.split("|") : null;
    var count = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var divergent = chosen
        ? (" " + (row.getAttribute("data-pairs") || "") + " ").indexOf(" " + pair.value + " ") >= 0
        : row.classList.contains("diverges");
      row.hidden = only.checked && !divergent;
      if (!row.hidden) { count++; }
    }
    // columns: the header cells name their instrument; body cells follow by position
    var heads = table.tHead.rows[0].cells;
    for (var c = 1; c < heads.length; c++) {
      var hide = chosen !== null && chosen.indexOf(heads[c].getAttribute("data-inst")) < 0;
      heads[c].classList.toggle("col-hidden", hide);
      for (var k = 0; k < rows.length; k++) { rows[k].cells[c].classList.toggle("col-hidden", hide); }
    }
    shown.textContent = {{ script.start }} +
      (chosen ? {{ script.under }} : {{ script.all }}) + {{ script.end }};
  }

  function setAll(open) {
    var all = document.querySelectorAll("details");
    for (var k = 0; k < all.length; k++) { all[k].open = open; }
  }

  only.addEventListener("change", apply);
  pair.addEventListener("change", apply);
  document.getElementById("expand").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse").addEventListener("click", function () { setAll(false); });
  apply();
}());
