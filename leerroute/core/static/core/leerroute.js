// Small enhancements for every page; without JavaScript everything still works.
(function () {
  "use strict";

  // On a phone the menu and account links fold away behind a "Menu" button (the CSS
  // hides them below 40rem while the header has the class menu-closed).
  function setUpMenu() {
    var header = document.querySelector(".site-header");
    var nav = header ? header.querySelector("nav") : null;
    if (!nav) { return; }
    var row = nav.parentNode;
    var account = row.querySelector(".account");
    nav.id = nav.id || "hoofdmenu";
    var controls = nav.id;
    if (account) {
      account.id = account.id || "account-menu";
      controls += " " + account.id;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "menu-toggle";
    button.textContent = "Menu";
    button.setAttribute("aria-controls", controls);
    var brand = row.querySelector(".brand");
    row.insertBefore(button, brand ? brand.nextSibling : row.firstChild);
    function show(open) {
      header.classList.toggle("menu-closed", !open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      show(header.classList.contains("menu-closed"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !header.classList.contains("menu-closed") &&
          header.contains(document.activeElement)) {
        show(false);
        button.focus();
      }
    });
    show(false);
  }

  // Keyboard access to wide tables (WCAG 2.1.1): a .table-scroll box whose table is
  // wider than the screen scrolls sideways, so it becomes a focusable region named
  // after the table's caption. Re-checked when the window resizes or htmx swaps content.
  function name(box) {
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return text || (document.documentElement.lang === "en" ? "Table" : "Tabel");
  }
  function update() {
    var boxes = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box));
        box.setAttribute("data-scroll-region", "");
      } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("data-scroll-region");
      }
    }
  }
  // On a phone each table row is a card (leerroute.css); every cell shows its column
  // name from data-label. Cells without one get it from the table's header row, so a
  // template only sets data-label where it wants a different text.
  function labelCells(root) {
    var tables = (root || document).querySelectorAll(".table-scroll > table, table.stack");
    for (var t = 0; t < tables.length; t++) {
      var head = tables[t].tHead ? tables[t].tHead.rows[tables[t].tHead.rows.length - 1] : null;
      if (!head) { continue; }
      var names = [];
      for (var h = 0; h < head.cells.length; h++) {
        var text = head.cells[h].textContent.replace(/\s+/g, " ").trim();
        for (var span = 0; span < (head.cells[h].colSpan || 1); span++) { names.push(text); }
      }
      var bodies = tables[t].tBodies;
      for (var b = 0; b < bodies.length; b++) {
        for (var r = 0; r < bodies[b].rows.length; r++) {
          var cells = bodies[b].rows[r].cells;
          var column = 0;
          for (var c = 0; c < cells.length; c++) {
            var cell = cells[c];
            if (c > 0 && !cell.hasAttribute("data-label") && names[column] && cells.length > 1) {
              cell.setAttribute("data-label", names[column]);
            }
            column += cell.colSpan || 1;
          }
        }
      }
    }
  }

  // Unsaved form drafts (feedback/draft.js) live in this tab's sessionStorage under
  // DRAFT_PREFIX + "u<user id>:" and never outlive a sign-in: they all go when
  // someone signs out (a form with data-clear-drafts is sent), on a page whose
  // <body> has data-clear-drafts (sign-in, signed out), when the session times out
  // (session.js calls Leerroute.clearDrafts) and a signed-in page (<body data-user>)
  // removes the drafts of anyone else. Keep the prefix in step with draft.js.
  var DRAFT_PREFIX = "leerroute-concept:";
  function clearDrafts(keepUser) {
    var storage;
    try {
      storage = window.sessionStorage;
      if (!storage) { return; }
      var keep = keepUser ? DRAFT_PREFIX + "u" + keepUser + ":" : null;
      var doomed = [];
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(DRAFT_PREFIX) === 0 && !(keep && key.indexOf(keep) === 0)) {
          doomed.push(key);
        }
      }
      doomed.forEach(function (key) { storage.removeItem(key); });
    } catch (error) {
      // No storage in this browser (or it is switched off): nothing was kept.
    }
  }
  window.Leerroute = window.Leerroute || {};
  window.Leerroute.clearDrafts = function () { clearDrafts(null); };
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.hasAttribute && form.hasAttribute("data-clear-drafts")) { clearDrafts(null); }
  });
  if (document.body.hasAttribute("data-clear-drafts")) {
    clearDrafts(null);
  } else if (document.body.dataset.user) {
    clearDrafts(document.body.dataset.user);
  }

  // A form that came back with errors: its summary (core/partials/error_summary.html,
  // id "foutmeldingen") gets the focus, so the page opens at what needs attention.
  function focusErrorSummary() {
    var summary = document.getElementById("foutmeldingen");
    if (summary && summary.hasAttribute("tabindex")) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  // Once the page is being left (a form sent, a link followed, a saved draft), a live
  // check that typing started (htmx, a few hundred milliseconds later) is moot:
  // leaving would cut it off halfway.
  function skipLiveChecksWhenLeaving() {
    var leaving = false;
    window.addEventListener("beforeunload", function () {
      leaving = true;
      // A download link also starts this but leaves the page as it is.
      window.setTimeout(function () { leaving = false; }, 5000);
    });
    window.addEventListener("pageshow", function () { leaving = false; });
    document.addEventListener("htmx:confirm", function (event) {
      if (leaving) { event.preventDefault(); }
    });
  }

  setUpMenu();
  skipLiveChecksWhenLeaving();
  focusErrorSummary();
  window.addEventListener("resize", update);
  document.addEventListener("htmx:afterSettle", function (event) {
    labelCells(document);
    update();
  });
  labelCells(document);
  update();
})();
