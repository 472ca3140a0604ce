// The letter editor: "Insert" puts the chosen placeholder where the cursor is in the letter
// body. Progressive enhancement only: without JavaScript the button posts the form and the
// placeholder is added at the end of the body (nothing is saved).
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert-placeholder]");
    if (!button || !button.form) {
      return;
    }
    var select = button.form.querySelector("select[name=placeholder]");
    var body = button.form.querySelector("textarea[name=body]");
    if (!select || !body) {
      return;
    }
    event.preventDefault();
    if (!select.value) {
      select.focus();
      return;
    }
    var token = "{{ " + select.value + " }}";
    var start = body.selectionStart;
    var end = body.selectionEnd;
    var before = body.value.slice(0, start);
    if (before && !/\s$/.test(before)) {
      token = " " + token;
    }
    body.setRangeText(token, start, end, "end");
    body.focus();
  });
})();
