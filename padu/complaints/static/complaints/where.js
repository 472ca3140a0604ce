// "Use my location" on the complaint's where step: progressive enhancement only. Without
// JavaScript the button stays hidden and the place is chosen from the lists or the search.
(function () {
  "use strict";
  var LAT = [-12, 7];
  var LON = [94, 142];

  function setUp() {
    var block = document.querySelector("[data-locate-block]");
    if (!block || !("geolocation" in navigator)) {
      return;
    }
    var button = block.querySelector("button[data-locate]");
    var status = block.querySelector("[data-locate-status]");
    var lat = block.querySelector("#id_latitude");
    var lon = block.querySelector("#id_longitude");
    block.querySelectorAll("[data-locate]").forEach(function (el) {
      el.hidden = false;
    });
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-locating");
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var y = position.coords.latitude;
          var x = position.coords.longitude;
          button.disabled = false;
          if (y < LAT[0] || y > LAT[1] || x < LON[0] || x > LON[1]) {
            status.textContent = button.getAttribute("data-outside");
            return;
          }
          lat.value = y.toFixed(6);
          lon.value = x.toFixed(6);
          status.textContent = button.getAttribute("data-found") + " " + lat.value + ", " + lon.value;
        },
        function () {
          button.disabled = false;
          status.textContent = button.getAttribute("data-failed");
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
