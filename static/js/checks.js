// While an item's files are being checked, fetch the checks block every 2 seconds and swap it
// in, so the verdict appears without the liaison reloading the page.
(function () {
  "use strict";
  var box = document.getElementById("checks");
  if (!box) return;
  var url = box.getAttribute("data-url");
  var delay = 2000;
  function checking() {
    var inner = box.querySelector(".checks");
    return inner && inner.getAttribute("data-checking") === "1";
  }
  function poll() {
    if (!checking()) return;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        box.innerHTML = html;
        if (!checking()) {
          // The item's own status (badge, form) may have changed: show the page as it is now.
          window.location.reload();
          return;
        }
        window.setTimeout(poll, delay);
      })
      .catch(function () { delay = Math.min(delay * 2, 30000); window.setTimeout(poll, delay); });
  }
  window.setTimeout(poll, delay);
})();
