// The printed page's contents with page numbers. A browser cannot print the page a link leads
// to (CSS target-counter() is not in Chromium), so before printing this script lays the page
// out as it will print (the print style sheet's rules, at the page's width) and chooses every
// page break itself: it puts a forced break (class print-break) wherever a page would overflow,
// leaving room to spare on each page, so that the browser breaks there and nowhere else, and
// the page each section starts on is known exactly. Where it cannot be sure (something wider
// than the page, a row taller than a page), the contents print without page numbers rather
// than with wrong ones. The page reads and prints without it (the print style sheet breaks
// pages by itself).
(function () {
  "use strict";
  var SPARE = 12;               // CSS pixels left free on each page (about a line)
  var FORCED = /^(page|left|right|recto|verso|always)$/;
  var AVOID = /^avoid/;
  var CONTAINERS = /^(MAIN|SECTION|HEADER|FOOTER|NAV|DIV|UL|OL|ARTICLE|FORM|DETAILS)$/;

  // ---- the print layout, on screen for a moment
  function pageBox() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;" +
      "width:var(--print-width);height:var(--print-height)";
    document.body.appendChild(probe);
    var box = probe.getBoundingClientRect();
    probe.remove();
    return { width: box.width, height: box.height };
  }

  function mediaRules(rules, out) {
    for (var k = 0; k < rules.length; k++) {
      var rule = rules[k];
      if (rule.media && rule.cssRules) { out.push(rule); }
      if (rule.cssRules) { mediaRules(rule.cssRules, out); }
    }
    return out;
  }

  // Every @media rule, made to apply as it will in print: a frame of the page's size answers
  // for the width and height, with "print" and "screen" swapped so that it answers as a printer.
  function printMedia(box) {
    var frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.style.cssText = "position:absolute;left:-20000px;top:0;border:0;visibility:hidden;" +
      "width:" + box.width + "px;height:" + box.height + "px";
    document.body.appendChild(frame);
    frame.getBoundingClientRect();
    var changed = [];
    try {
      var view = frame.contentWindow;
      for (var s = 0; s < document.styleSheets.length; s++) {
        var rules = mediaRules(document.styleSheets[s].cssRules, []);
        for (var k = 0; k < rules.length; k++) {
          var text = rules[k].media.mediaText;
          var asPrinter = text.replace(/\b(print|screen)\b/g, function (w) {
            return w === "print" ? "screen" : "print";
          });
          changed.push([rules[k], text]);
          rules[k].media.mediaText = view.matchMedia(asPrinter).matches ? "all" : "not all";
        }
      }
    } finally {
      frame.remove();
    }
    return changed;
  }

  function restore(changed) {
    for (var k = 0; k < changed.length; k++) { changed[k][0].media.mediaText = changed[k][1]; }
  }

  // The screen's rules for a width or a shape (a phone's cards, a table scrolling in its box)
  // are for screens: from before printing until after it they apply to screens only. Chromium
  // answers a printed page's media queries with the width of the printer's default paper, not
  // with the page's own size (@page), so they would otherwise apply in print on some machines
  // and not on others, and this script could not know which.
  var SHAPE = /\b(width|height|aspect-ratio|orientation)\b/;
  var screenRules = [];

  function screenOnly() {
    restore(screenRules);
    screenRules = [];
    for (var s = 0; s < document.styleSheets.length; s++) {
      var rules = mediaRules(document.styleSheets[s].cssRules, []);
      for (var k = 0; k < rules.length; k++) {
        var media = rules[k].media;
        var text = media.mediaText;
        if (/\bprint\b/.test(text) || !SHAPE.test(text)) { continue; }
        var queries = [];
        for (var q = 0; q < media.length; q++) {
          var query = media.item(q);
          if (/^\s*\(/.test(query)) { query = "screen and " + query; }
          query = query.replace(/^(\s*(?:only\s+)?)all\b/, "$1screen");
          queries.push(query);
        }
        screenRules.push([rules[k], text]);
        media.mediaText = queries.join(", ");
      }
    }
  }

  // ---- what may not be split: rows, paragraphs, headings (held to what follows them)
  function shown(el, style) {
    return style.display !== "none" && style.position !== "absolute" &&
      style.position !== "fixed" && el.getClientRects().length > 0;
  }

  function container(el) {
    if (!CONTAINERS.test(el.tagName) || (el.tagName === "DETAILS" && !el.open)) { return false; }
    for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
      var d = getComputedStyle(c).display;
      if (d !== "none" && !/^inline/.test(d)) { return true; }
    }
    return false;
  }

  function block(el, style, top, bottom, head) {
    return { el: el, top: top, bottom: bottom, head: head,
             margin: parseFloat(style.marginTop) || 0,
             forced: FORCED.test(style.breakBefore), glue: AVOID.test(style.breakAfter) };
  }

  function table(t, style, out) {
    var head = t.tHead && getComputedStyle(t.tHead).display !== "none" ? t.tHead : null;
    var headHeight = head ? head.getBoundingClientRect().height : 0;
    var rows = [];
    for (var b = 0; b < t.tBodies.length; b++) {
      for (var r = 0; r < t.tBodies[b].rows.length; r++) {
        var row = t.tBodies[b].rows[r];
        var rs = getComputedStyle(row);
        if (shown(row, rs) && getComputedStyle(t.tBodies[b]).display !== "none") {
          rows.push([row, rs]);
        }
      }
    }
    var box = t.getBoundingClientRect();
    var top = box.top;
    if (t.caption) { top = Math.min(top, t.caption.getBoundingClientRect().top); }
    if (!rows.length) { out.push(block(t, style, top, box.bottom, 0)); return; }
    // the caption and the header row go with the first row
    var first = block(t, style, top, rows[0][0].getBoundingClientRect().bottom, 0);
    first.glue = AVOID.test(rows[0][1].breakAfter);
    out.push(first);
    for (var k = 1; k < rows.length; k++) {
      var rb = rows[k][0].getBoundingClientRect();
      out.push(block(rows[k][0], rows[k][1], rb.top, rb.bottom, headHeight));
    }
    out[out.length - 1].bottom = Math.max(out[out.length - 1].bottom, box.bottom);
  }

  function blocks(parent, out) {
    for (var el = parent.firstElementChild; el; el = el.nextElementSibling) {
      var style = getComputedStyle(el);
      if (!shown(el, style) || el.tagName === "SCRIPT" || el.tagName === "STYLE") { continue; }
      var n = out.length;
      if (el.tagName === "TABLE") {
        table(el, style, out);
      } else if (container(el)) {
        blocks(el, out);
        if (out.length > n) {
          if (FORCED.test(style.breakBefore)) { out[n].forced = true; }
          out[n].margin += parseFloat(style.marginTop) || 0;
          if (AVOID.test(style.breakAfter)) { out[out.length - 1].glue = true; }
        }
      } else {
        var box = el.getBoundingClientRect();
        out.push(block(el, style, box.top, box.bottom, 0));
      }
    }
    return out;
  }

  // ---- pages: fill each to its height less the room to spare and break before the block
  // that would overflow it (or before the headings held to that block); false where a block
  // alone is taller than a page (the browser would split it where this script cannot tell)
  function paginate(list, height) {
    var room = height - SPARE;
    var page = 1, start = 0;
    var top = list[0].top - list[0].margin, extra = 0;
    list[0].page = 1;
    for (var i = 1; i < list.length; i++) {
      var b = list[i];
      if (!b.forced && b.bottom - top + extra <= room) { b.page = page; continue; }
      var k = i;
      if (!b.forced) {
        while (k - 1 > start && list[k - 1].glue) { k--; }
        if (b.bottom - (list[k].top - list[k].margin) + list[k].head > room) { k = i; }
        list[k].brk = true;
      }
      page++;
      start = k;
      top = list[k].top - list[k].margin;
      extra = list[k].head;
      for (var j = k; j <= i; j++) { list[j].page = page; }
      if (b.bottom - top + extra > room) { return false; }
    }
    return true;
  }

  function pageOf(target, list) {
    for (var k = 0; k < list.length; k++) {
      var el = list[k].el;
      if (el === target || target.contains(el) || el.contains(target)) { return list[k].page; }
    }
    return null;
  }

  // ---- the title block's chosen pair, the contents' entries and their numbers
  function chosenPair() {
    var choose = document.getElementById("compare");
    var label = choose && choose.value ? choose.options[choose.selectedIndex].text : "";
    var parts = document.querySelectorAll(".print-pair");
    for (var k = 0; k < parts.length; k++) {
      parts[k].hidden = !label;
      if (parts[k].tagName === "DD") { parts[k].textContent = label; }
    }
  }

  function entries(toc) {
    var links = toc.querySelectorAll("a[href^='#']");
    var out = [];
    for (var k = 0; k < links.length; k++) {
      var target = document.getElementById(links[k].getAttribute("href").slice(1));
      var number = links[k].querySelector(".toc-page");
      if (!number) {
        number = document.createElement("span");
        number.className = "toc-page";
        links[k].appendChild(number);
      }
      number.textContent = "";
      links[k].parentElement.hidden = !target || target.closest("[hidden]") !== null;
      if (!links[k].parentElement.hidden) { out.push([target, number]); }
    }
    return out;
  }

  // The page's breaks and the contents' numbers, worked out again before each printing (the
  // reader may have chosen a pair, opened cells or changed the language since).
  function prepare() {
    var toc = document.getElementById("print-toc");     // the body in the page's language
    if (!toc) { return; }
    var old = document.querySelectorAll(".print-break");
    for (var k = 0; k < old.length; k++) { old[k].classList.remove("print-break"); }
    toc.classList.add("unnumbered");
    chosenPair();
    var items = entries(toc);
    screenOnly();
    var root = document.documentElement;
    var width = root.style.width;
    var changed = [];
    var list = [];
    var exact = false;
    try {
      var box = pageBox();
      changed = printMedia(box);
      root.style.width = box.width + "px";
      exact = document.body.scrollWidth <= document.body.clientWidth + 1;
      list = blocks(document.body, []);
      exact = exact && list.length > 0 && paginate(list, box.height);
    } catch (e) {
      exact = false;              // print as the style sheet breaks it, without numbers
    } finally {
      root.style.width = width;
      restore(changed);
    }
    if (!exact) { return; }
    for (k = 0; k < list.length; k++) {
      if (list[k].brk) { list[k].el.classList.add("print-break"); }
    }
    for (k = 0; k < items.length; k++) {
      var page = pageOf(items[k][0], list);
      items[k][1].textContent = page === null ? "" : String(page);
    }
    toc.classList.remove("unnumbered");
  }

  window.addEventListener("beforeprint", prepare);
  window.addEventListener("afterprint", function () {
    restore(screenRules);
    screenRules = [];
  });
}());
