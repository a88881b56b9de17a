// The page in another language, in place: the page holds its body in each language it was
// written in (the others in inert <template> elements); choosing one swaps the bodies, keeps
// the chosen pair, writes the language in the address (#lang=vi) and binds the controls again
// (window.lawcheckInit).
(function () {
  "use strict";
  function swap(to) {
    var page = document.getElementById("page");
    var other = document.querySelector('template.lang-body[data-lang="' + to + '"]');
    if (!page || !other || page.getAttribute("lang") === to) { return false; }
    var keep = document.createElement("template");
    keep.className = "lang-body";
    keep.setAttribute("data-lang", page.getAttribute("lang"));
    while (page.firstChild) { keep.content.appendChild(page.firstChild); }
    page.appendChild(other.content);
    other.parentNode.replaceChild(keep, other);
    page.setAttribute("lang", to);
    document.documentElement.setAttribute("lang", to);
    var h1 = page.querySelector("h1");
    if (h1) { document.title = h1.textContent; }
    (window.lawcheckInit || []).forEach(function (f) { f(); });
    return true;
  }

  function init() {
    var choose = document.getElementById("lang");
    if (!choose) { return; }
    choose.addEventListener("change", function () {
      var to = choose.value;
      if (swap(to)) {
        window.lawcheckAddress.write("lang", to);
        var again = document.getElementById("lang");
        if (again) { again.focus(); }
      }
    });
  }
  window.lawcheckInit = window.lawcheckInit || [];
  window.lawcheckInit.push(init);
  init();
  var wanted = window.lawcheckAddress && window.lawcheckAddress.params().lang;
  if (wanted) { swap(wanted); }
}());
