// zhengce report: sortable tables, row → highlight jumps, and a self-test (#selftest).
// No network, no libraries. Everything from documents is already escaped by the server side.
(function () {
  "use strict";

  function cellKey(td) {
    var s = td.getAttribute("data-sort");
    if (s !== null && s !== "" && !isNaN(Number(s))) return { n: Number(s) };
    var t = td.textContent.trim();
    var n = Number(t.replace(/[,%]/g, ""));
    if (t !== "" && !isNaN(n)) return { n: n };
    return { s: t };
  }

  function compare(a, b) {
    if (a.n !== undefined && b.n !== undefined) return a.n - b.n;
    if (a.n !== undefined) return -1;
    if (b.n !== undefined) return 1;
    return a.s.localeCompare(b.s, "zh");
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var ths = table.querySelectorAll("thead th");
    ths.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        ths.forEach(function (o) { o.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellKey(r1.cells[col]), cellKey(r2.cells[col]));
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  // The first highlight of an item (T3, P1, U2) inside one document's section.
  function markFor(section, id) {
    if (!section) return null;
    var all = section.querySelectorAll("mark[data-id]");
    for (var i = 0; i < all.length; i++) {
      if ((" " + all[i].getAttribute("data-id") + " ").indexOf(" " + id + " ") >= 0) return all[i];
    }
    return null;
  }

  function jump(section, id) {
    var m = markFor(section, id);
    if (!m) return null;
    var src = section.querySelector("details.source");
    if (src) src.open = true;
    m.scrollIntoView({ block: "center", inline: "nearest" });
    m.classList.remove("flash");
    void m.offsetWidth;
    m.classList.add("flash");
    return m;
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-jump]") : null;
    if (!el) return;
    var doc = el.getAttribute("data-doc");
    var section = doc ? document.getElementById(doc) : el.closest("section.doc");
    if (jump(section, el.getAttribute("data-jump"))) ev.preventDefault();
  });

  // Clicking a highlight selects its table row.
  document.addEventListener("click", function (ev) {
    var m = ev.target.closest ? ev.target.closest("mark[data-id]") : null;
    if (!m) return;
    var section = m.closest("section.doc");
    var id = m.getAttribute("data-id").split(" ").pop();
    var row = section && section.querySelector('tr[data-jump="' + id + '"]');
    if (row) {
      row.scrollIntoView({ block: "nearest" });
      row.style.background = "#fff3b0";
      setTimeout(function () { row.style.background = ""; }, 1200);
    }
  });

  // #selftest: click the last jumpable row of the last document, check that the page
  // scrolled and its highlight is on screen; report in data attributes for the test.
  function selftest() {
    var root = document.documentElement;
    var rows = document.querySelectorAll("section.doc tr[data-jump]");
    var ids = {};
    document.querySelectorAll("section.doc").forEach(function (s) {
      var set = {};
      s.querySelectorAll("mark[data-id]").forEach(function (m) {
        m.getAttribute("data-id").split(" ").forEach(function (x) { if (x) set[x] = 1; });
      });
      ids[s.id] = Object.keys(set).length;
    });
    root.setAttribute("data-highlighted-items", JSON.stringify(ids));
    root.setAttribute("data-charts", String(document.querySelectorAll("figure.chart svg").length));
    root.setAttribute("data-promise-charts", String(document.querySelectorAll("figure.promise svg").length));
    root.setAttribute("data-promises", String(document.querySelectorAll("#promises table.ledger tbody tr").length));
    // A quote in the ledger jumps to its highlight in the document's section.
    var link = document.querySelector("#promises a[data-jump]");
    if (link) {
      link.click();
      var target = markFor(document.getElementById(link.getAttribute("data-doc")), link.getAttribute("data-jump"));
      var box = target && target.getBoundingClientRect();
      root.setAttribute("data-promise-jump", box && box.bottom > 0 && box.top < window.innerHeight &&
        target.classList.contains("flash") ? "pass" : "fail");
    }
    if (!rows.length) { root.setAttribute("data-selftest", "fail: no rows"); return; }
    var row = rows[rows.length - 1];
    window.scrollTo(0, 0);
    var before = window.scrollY;
    row.click();
    var section = row.closest("section.doc");
    var m = markFor(section, row.getAttribute("data-jump"));
    if (!m) { root.setAttribute("data-selftest", "fail: no highlight for " + row.getAttribute("data-jump")); return; }
    var r = m.getBoundingClientRect();
    var visible = r.bottom > 0 && r.top < window.innerHeight;
    var moved = window.scrollY !== before;
    root.setAttribute("data-selftest", visible && moved ? "pass" :
      "fail: visible=" + visible + " moved=" + moved + " top=" + Math.round(r.top));
    root.setAttribute("data-selftest-scroll", String(Math.round(window.scrollY)));
    if (!m.classList.contains("flash")) root.setAttribute("data-selftest", "fail: no flash");
    window.scrollTo(0, 0);
  }

  if (location.hash === "#selftest") {
    if (document.readyState === "complete") selftest();
    else window.addEventListener("load", selftest);
  }
})();
