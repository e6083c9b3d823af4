// Check-in: filter the feeling words as you type. The plain <select> works without this.
(function () {
  "use strict";

  function setUp(input) {
    var select = document.getElementById(input.getAttribute("data-feeling-filter"));
    if (!select) { return; }
    var label = document.querySelector("label[for='" + input.id + "']");
    input.hidden = false;
    if (label) { label.hidden = false; }
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var firstMatch = null;
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var groupMatches = group.label.toLowerCase().indexOf(query) === 0;
        var any = false;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var show = !query || groupMatches || option.value.indexOf(query) !== -1;
          option.hidden = !show;
          option.disabled = !show;
          if (show) { any = true; if (!firstMatch && query) { firstMatch = option; } }
        });
        group.hidden = !any;
      });
      if (firstMatch && (select.selectedIndex <= 0 || select.options[select.selectedIndex].hidden)) {
        select.value = firstMatch.value;
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-feeling-filter]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
