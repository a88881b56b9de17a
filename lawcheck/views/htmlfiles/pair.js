// The pair of instruments a reader chose, applied to every section and kept in the page's
// address (#pair=palermo,vn-cc-150; with the language, #pair=...&lang=vi), so that a link opens
// the same view. The page reads fully without it: every section shows every instrument.
// window.lawcheckInit: the functions that bind the page's controls, run again when the page's
// body is replaced by its other language (lang.js).
(function () {
  "use strict";
  window.lawcheckInit = window.lawcheckInit || [];

  // the address's parameters: #name=value&name=value
  function params() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0) { out[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1)); }
    });
    return out;
  }
  function writeParam(name, value) {
    var p = params();
    if (value) { p[name] = value; } else { delete p[name]; }
    var keys = ["pair", "lang"].filter(function (k) { return p[k]; });
    var hash = keys.map(function (k) { return k + "=" + p[k]; }).join("&");
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
  window.lawcheckAddress = { params: params, write: writeParam };

  function choices() { return document.getElementById("compare"); }

  function known(ids) {
    var choose = choices();
    if (!ids || !choose) { return null; }
    for (var k = 0; k < choose.options.length; k++) {
      var v = choose.options[k].value.split("|");
      if (v.length === 2 && ((v[0] === ids[0] && v[1] === ids[1]) ||
                             (v[0] === ids[1] && v[1] === ids[0]))) { return v; }
    }
    return null;
  }

  function fromAddress() {
    var p = params().pair;
    return p ? known(p.split(",")) : null;
  }

  function columns(table, chosen) {
    // header cells name their instrument; body cells name theirs too (data-inst)
    var cells = table.querySelectorAll("[data-inst]");
    for (var k = 0; k < cells.length; k++) {
      var id = cells[k].getAttribute("data-inst");
      cells[k].classList.toggle("col-hidden", chosen !== null && chosen.indexOf(id) < 0);
    }
  }

  function alignment(chosen) {
    var rows = document.querySelectorAll("table.alignment tbody tr[id]");
    for (var k = 0; k < rows.length; k++) {
      var row = rows[k];
      var differs = false;
      if (chosen) {
        var a = row.querySelector('td[data-inst="' + chosen[0] + '"]');
        var b = row.querySelector('td[data-inst="' + chosen[1] + '"]');
        differs = !!(a && b && a.getAttribute("data-key") !== b.getAttribute("data-key"));
        // texts side by side: the two provisions' words open
        var open = row.querySelectorAll("td:not(.col-hidden) > details");
        for (var d = 0; d < open.length; d++) { open[d].open = true; }
      }
      row.classList.toggle("pair-differs", differs);
      row.classList.toggle("pair-same", chosen !== null && !differs);
    }
  }

  function sections(chosen) {
    var key = chosen ? chosen.join(",") : null;
    var back = chosen ? chosen[1] + "," + chosen[0] : null;
    var comps = document.querySelectorAll("section.comparison[data-pair]");
    var any = false;
    for (var k = 0; k < comps.length; k++) {
      var p = comps[k].getAttribute("data-pair");
      if (p === key || p === back) { any = true; }
    }
    for (var j = 0; j < comps.length; j++) {
      var q = comps[j].getAttribute("data-pair");
      comps[j].hidden = any && q !== key && q !== back;
    }
    var items = document.querySelectorAll("[data-pairs-of]");
    for (var i = 0; i < items.length; i++) {
      var pairs = " " + items[i].getAttribute("data-pairs-of") + " ";
      items[i].hidden = chosen !== null &&
        pairs.indexOf(" " + chosen[0] + "|" + chosen[1] + " ") < 0 &&
        pairs.indexOf(" " + chosen[1] + "|" + chosen[0] + " ") < 0;
    }
  }

  function apply(chosen, write) {
    var choose = choices();
    choose.value = chosen ? chosen.join("|") : "";
    document.body.classList.toggle("pair-chosen", chosen !== null);
    var tables = document.querySelectorAll("table.alignment");
    for (var k = 0; k < tables.length; k++) { columns(tables[k], chosen); }
    alignment(chosen);
    sections(chosen);
    // the matrix follows the pair through its own filter (report.js hides its columns)
    var old = document.getElementById("pair");
    if (old && old.value !== choose.value) {
      old.value = choose.value;
      old.dispatchEvent(new Event("change"));
    }
    if (write) { writeParam("pair", chosen ? chosen.join(",") : ""); }
  }

  function init() {
    var bar = document.getElementById("toolbar");
    var choose = choices();
    if (!bar || !choose) { return; }
    bar.hidden = false;
    choose.addEventListener("change", function () {
      apply(choose.value ? choose.value.split("|") : null, true);
    });
    var showAll = document.getElementById("show-nif");
    if (showAll) {
      var nif = function () { document.body.classList.toggle("show-nif", showAll.checked); };
      showAll.addEventListener("change", nif);
      nif();
    }
    apply(fromAddress(), false);
  }

  // listeners on the window and the document: once, whatever the body
  window.addEventListener("hashchange", function () {
    var ids = fromAddress();
    if (ids) { apply(ids, false); }
  });
  // an in-page link keeps the chosen pair in the address: scroll instead of replacing it
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[href^="#"]') : null;
    var choose = choices();
    if (!a || !choose || !choose.value) { return; }
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) { return; }
    ev.preventDefault();
    target.scrollIntoView();
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus({ preventScroll: true });
  });
  window.lawcheckInit.push(init);
  init();
}());
