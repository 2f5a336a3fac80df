// Keeps what was typed in a form with data-draft-key in sessionStorage until the
// server confirms the save, so a dropped connection on the ward loses nothing.
// The form is sent with fetch; the outcome is announced in the form's live region
// (data-draft-status); its texts come from the template (translated there).
// Drafts are kept per signed-in user (<body data-user>, the id, never a name) and
// core/leerroute.js removes them all on sign-out, sign-in and session timeout,
// so one person's unsaved text is never offered to the next person in this tab.
(function () {
  "use strict";
  var PREFIX = "leerroute-concept:";  // the same prefix as in core/leerroute.js
  var user = document.body.dataset.user;
  var storage = null;
  try {
    // Nobody signed in (no owner for a draft): nothing is kept.
    storage = user ? window.sessionStorage : null;
    if (storage) {
      storage.setItem(PREFIX + "test", "1");
      storage.removeItem(PREFIX + "test");
    }
  } catch (error) {
    storage = null;
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" &&
        ["hidden", "submit", "button", "file", "password"].indexOf(el.type) === -1;
    });
  }
  function read(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name + "=" + el.value] = el.checked;
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }
  function write(form, data) {
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        var key = el.name + "=" + el.value;
        if (Object.prototype.hasOwnProperty.call(data, key)) { el.checked = data[key]; }
      } else if (Object.prototype.hasOwnProperty.call(data, el.name)) {
        el.value = data[el.name];
      }
    });
  }
  function key(form) { return PREFIX + "u" + user + ":" + form.dataset.draftKey; }
  function keep(form) {
    if (storage) { storage.setItem(key(form), JSON.stringify(read(form))); }
  }
  function stored(form) {
    if (!storage) { return null; }
    try { return JSON.parse(storage.getItem(key(form)) || "null"); } catch (error) { return null; }
  }
  function forget(form) { if (storage) { storage.removeItem(key(form)); } }

  function region(form) { return document.getElementById(form.dataset.draftStatus); }
  function announce(form, name, isError) {
    var live = region(form);
    if (!live) { return; }
    var text = live.dataset[name] || "";
    live.textContent = "";
    live.classList.toggle("draft-error", Boolean(isError));
    // A short pause lets screen readers announce a message that repeats.
    window.setTimeout(function () { live.textContent = text; }, 50);
  }
  function busy(form, on) {
    form.setAttribute("aria-busy", on ? "true" : "false");
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
      b.disabled = on;
    });
  }

  function restore(form) {
    var draft = stored(form);
    if (!draft) { return; }
    if (JSON.stringify(draft) !== JSON.stringify(read(form))) {
      write(form, draft);
      announce(form, "msgRestored", false);
    }
  }

  function showReturnedForm(form, html) {
    // The server answered with the form again (e.g. a field needs attention).
    var doc = new DOMParser().parseFromString(html, "text/html");
    var main = doc.querySelector("main");
    var again = doc.querySelector('form[data-draft-key="' + form.dataset.draftKey + '"]');
    if (!main || !again) { return false; }
    var freshMain = document.importNode(main, true);
    document.querySelector("main").replaceWith(freshMain);
    // htmx attributes in the new content (e.g. the live privacy hint) need processing.
    if (window.htmx) { window.htmx.process(freshMain); }
    document.title = doc.title;
    var summary = document.getElementById("foutmeldingen");
    var fresh = document.querySelector('form[data-draft-key="' + form.dataset.draftKey + '"]');
    if (fresh) { keep(fresh); }
    if (summary) { summary.focus(); }
    return true;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.dataset.draftKey) { keep(form); }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.dataset.draftKey) { keep(form); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.draftKey || !window.fetch || !window.DOMParser) { return; }
    event.preventDefault();
    keep(form);
    var body = new FormData(form);
    if (event.submitter && event.submitter.name) {
      body.append(event.submitter.name, event.submitter.value);
    }
    busy(form, true);
    announce(form, "msgSaving", false);
    fetch(form.action || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Leerroute-Draft": "1" }
    }).then(function (response) {
      if (response.status === 204) {
        forget(form);
        window.location.assign(response.headers.get("X-Saved-Location") || window.location.href);
        return;
      }
      if (!response.ok) {
        busy(form, false);
        announce(form, "msgError", true);
        return;
      }
      return response.text().then(function (html) {
        if (!showReturnedForm(form, html)) {
          // Something else, e.g. the sign-in page after the session ended
          // (which clears every draft: the next person may sign in here).
          window.location.assign(response.url);
        }
      });
    }).catch(function () {
      busy(form, false);
      announce(form, "msgOffline", true);
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-key]"), restore);
})();
