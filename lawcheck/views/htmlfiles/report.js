{# Included in the report page as a template: the page writes the count line's words
   (lawcheck.views.html.script_words, from the wording catalogue) as JavaScript strings. #}
// The scenario matrix: two filters, and each cell's reasoning, written from the page's data
// (lawcheck.views.reportview.MatrixData) when the cell is opened. The verdicts read without it.
// matrix() binds the page's matrix; it runs again when the page's body is replaced by its other
// language (window.lawcheckInit, lang.js), each time with its own data.
(function () {
  "use strict";
  // the elements the data may ask for: anything else is written as text
  var inline = { b: true, strong: true, a: true };
  var watching = null;    // the observer of the matrix shown

  function matrix() {
    var form = document.getElementById("controls");
    var table = document.getElementById("matrix-table");
    var source = document.getElementById("matrix-data");
    if (!form || !table || !source) { return; }
    form.hidden = false;
    var only = document.getElementById("only-divergent");
    var pair = document.getElementById("pair");
    var shown = document.getElementById("shown");
    var rows = table.tBodies[0].rows;
    var heads = table.tHead.rows[0].cells;
    var hidden = [];        // per column: hidden (by the chosen pair, or not in force)
    var nif = document.getElementById("show-nif");   // the toolbar: instruments not in force too
    var paired = [];        // per column: whether its cells carry "col-hidden" (the pair)
    var data = null;        // the page's data, read when a cell is first opened
    var made = [];          // each reasoning written once, then copied into every cell showing it
    // A line's runs as nodes: text (neighbouring strings as one text node), and the elements
    // above; anything else as text.
    function write(parent, runs, text) {
      for (var k = 0; k < runs.length; k++) {
        var run = runs[k];
        if (typeof run === "string") { text += run; continue; }
        if (text) { parent.appendChild(document.createTextNode(text)); text = ""; }
        if (inline[run[0]] === true) {
          var el = parent.appendChild(document.createElement(run[0]));
          el.textContent = run[1];
          if (run[0] === "a") { el.setAttribute("href", run[2]); }
        } else {
          text = run[1];
        }
      }
      return text;
    }

    // A reasoning as a <div class="r">: its blocks are paragraphs, holding their lines one after
    // the other, and lists, a line an item.
    function reasoning(index) {
      var div = made[index];
      if (!div) {
        if (data === null) { data = JSON.parse(source.textContent); }
        div = document.createElement("div");
        div.className = "r";
        var blocks = data.reasonings[index];
        for (var b = 0; b < blocks.length; b++) {
          var block = blocks[b];
          var list = block[0] === "ul";
          var el = div.appendChild(document.createElement(list ? "ul" : "p"));
          if (block[1]) { el.className = block[1]; }
          var text = "";
          for (var k = 2; k < block.length; k++) {
            var item = list ? el.appendChild(document.createElement("li")) : el;
            text = write(item, data.lines[block[k]], text);
            if (list && text) { item.appendChild(document.createTextNode(text)); text = ""; }
          }
          if (text) { el.appendChild(document.createTextNode(text)); }
        }
        made[index] = div;
      }
      return div.cloneNode(true);
    }

    function isOpen(button) { return button.getAttribute("aria-expanded") === "true"; }

    function open(button) {
      button.parentNode.appendChild(reasoning(+button.getAttribute("data-r")));
      button.setAttribute("aria-expanded", "true");
    }

    function shut(button) {
      var next = button.nextSibling;
      if (next) { button.parentNode.removeChild(next); }
      button.setAttribute("aria-expanded", "false");
    }

    table.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !button.hasAttribute("data-r")) { return; }
      if (isOpen(button)) { shut(button); } else { open(button); }
    });

    // The buttons of the rows and columns the filters show, open or shut.
    function buttons(opened) {
      var out = [];
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        if (row.hidden) { continue; }
        var cells = row.cells;
        for (var c = 0; c < cells.length; c++) {
          var button = hidden[c] ? null : cells[c].firstElementChild;
          if (button && button.hasAttribute("data-r") && isOpen(button) === opened) {
            out.push(button);
          }
        }
      }
      return out;
    }

    // Every visible cell at once: the buttons are found first, then the cells written, with no
    // layout read in between, so the browser lays the table out once.
    function setAll(opening) {
      var found = buttons(!opening);
      for (var k = 0; k < found.length; k++) {
        if (opening) { open(found[k]); } else { shut(found[k]); }
      }
    }

    // Which columns show (those of the chosen pair; not those of an instrument not in force,
    // unless asked): Expand all opens only theirs, and the table is never narrower than they need.
    function columns() {
      var count = 0;
      for (var c = 1; c < heads.length; c++) {
        var classes = heads[c].classList;
        hidden[c] = classes.contains("col-hidden") ||
          (classes.contains("col-nif") && !(nif && nif.checked));
        if (!hidden[c]) { count++; }
      }
      table.style.setProperty("--cols", count);
    }

    function apply() {
      var chosen = pair.value ? pair.value.split("|") : null;
      var wanted = " " + pair.value + " ";
      var count = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var divergent = chosen
          ? (" " + (row.getAttribute("data-pairs") || "") + " ").indexOf(wanted) >= 0
          : row.classList.contains("diverges");
        var hide = only.checked && !divergent;
        if (row.hidden !== hide) { row.hidden = hide; }
        if (!hide) { count++; }
      }
      // columns: the header cells name their instrument; body cells follow by position
      for (var c = 1; c < heads.length; c++) {
        var off = chosen !== null && chosen.indexOf(heads[c].getAttribute("data-inst")) < 0;
        if (!!paired[c] === off) { continue; }
        paired[c] = off;
        heads[c].classList.toggle("col-hidden", off);
        for (var k = 0; k < rows.length; k++) {
          rows[k].cells[c].classList.toggle("col-hidden", off);
        }
      }
      columns();
      shown.textContent = {{ script.start }} +
        (chosen ? {{ script.under }} : {{ script.all }}) + {{ script.end }};
    }

    // Whether the table fits its box (then its scenario column need not stick), told after each
    // layout that changes the table's width, without asking for one (nor for the layout of a
    // box not yet near the screen).
    var box = table.parentNode;
    if (watching) { watching.disconnect(); }
    if (window.ResizeObserver) {
      watching = new window.ResizeObserver(function (entries) {
        var width = entries[entries.length - 1].borderBoxSize;
        width = width ? width[0].inlineSize : entries[entries.length - 1].contentRect.width;
        box.classList.toggle("fits", width <= box.clientWidth);
      });
      watching.observe(table);
    }

    if (nif) { nif.addEventListener("change", columns); }
    only.addEventListener("change", apply);
    pair.addEventListener("change", apply);
    document.getElementById("expand").addEventListener("click", function () { setAll(true); });
    document.getElementById("collapse").addEventListener("click", function () { setAll(false); });
    apply();
  }

  window.lawcheckInit = window.lawcheckInit || [];
  window.lawcheckInit.push(matrix);
  matrix();
}());
