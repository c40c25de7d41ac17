// Progressive enhancement, nothing more. Without JavaScript the "Show the preview" buttons send
// the same form into the same frame, which keeps its fixed height.
(function () {
  "use strict";

  // The preview follows the form as it changes.
  document.querySelectorAll("form[data-live-preview]").forEach(function (form) {
    var button = form.querySelector("[data-preview-button]");
    var frame = document.getElementById(form.dataset.livePreview);
    var status = document.getElementById(form.dataset.previewStatus);
    var timer = null;

    function refreshSoon(delay) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        status.textContent = status.dataset.busy;
        form.requestSubmit(button);
      }, delay);
    }

    form.querySelectorAll("[data-checks]").forEach(function (input) {  // picking a colour means using it
      input.addEventListener("input", function () { document.getElementById(input.dataset.checks).checked = true; });
    });
    form.addEventListener("change", function () { refreshSoon(250); });
    form.addEventListener("input", function (event) {
      if (event.target.type === "text") { refreshSoon(900); }  // typing a name: wait for a pause
    });
    frame.addEventListener("load", function () {
      if (status.textContent) { status.textContent = status.dataset.done; }
    });
  });

  // A frame grows to its document, so that the page scrolls as one.
  document.querySelectorAll("iframe[data-fit-content]").forEach(function (frame) {
    function fit() {
      try {
        frame.style.height = (frame.contentDocument.body.scrollHeight + 32) + "px";
      } catch (error) { /* not readable: keep the fixed height */ }
    }
    frame.addEventListener("load", fit);
    fit();
  });
})();
