// A gentle timer for Together now: it counts quietly and never rings.
(function () {
  var box = document.querySelector("[data-gentle-timer]");
  if (!box) return;
  var text = box.querySelector("[data-timer-text]");
  var minutes = parseInt(box.getAttribute("data-minutes"), 10) || 10;
  var start = Date.now();
  function tick() {
    var gone = Math.floor((Date.now() - start) / 60000);
    text.textContent = gone >= minutes
      ? "That's your " + minutes + " minutes. Carry on if you like."
      : gone + " of about " + minutes + " minutes.";
  }
  tick();
  setInterval(tick, 30000);
})();
