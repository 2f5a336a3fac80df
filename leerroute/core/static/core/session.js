// Session timeout warning (WCAG 2.2.1): shows a dialog shortly before the
// server ends an idle session, with a button to stay signed in.
(function () {
  "use strict";
  var dialog = document.getElementById("session-warning");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var idle = parseInt(dialog.dataset.idleSeconds, 10) * 1000;
  var warning = parseInt(dialog.dataset.warningSeconds, 10) * 1000;
  var form = document.getElementById("session-extend-form");
  var warnTimer = null;
  var endTimer = null;
  var returnFocus = null;

  function sessionEnded() {
    // The session is over: unsaved drafts (client details) must not stay in this tab.
    if (window.Leerroute && window.Leerroute.clearDrafts) { window.Leerroute.clearDrafts(); }
    window.location.assign(dialog.dataset.loginUrl);
  }
  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, Math.max(idle - warning, 0));
    endTimer = setTimeout(sessionEnded, idle);
  }
  function warn() {
    returnFocus = document.activeElement;
    dialog.showModal();
    var button = dialog.querySelector("button");
    if (button) { button.focus(); }
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    // redirect: "manual": an ended session answers with a redirect to the
    // sign-in page, which must not count as "still signed in".
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual"
    })
      .then(function (response) {
        if (response.status === 204) {
          dialog.close();
          schedule();
          if (returnFocus && returnFocus.focus) { returnFocus.focus(); }
        } else {
          sessionEnded();
        }
      });
  });
  document.body.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();
