// The teacher's dashboard reloads itself while its box is ticked, so that a projector shows the
// room as it is; unticking stops it (a timed refresh must be possible to turn off).
"use strict";

(function () {
  const box = document.getElementById("auto-reload");
  if (!box) return;
  box.closest(".auto-reload").hidden = false;
  const seconds = Number(box.dataset.seconds) || 20;
  let timer = 0;
  function schedule() {
    clearTimeout(timer);
    if (box.checked) timer = setTimeout(() => window.location.reload(), seconds * 1000);
  }
  box.addEventListener("change", schedule);
  schedule();
})();
