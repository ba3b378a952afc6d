// Copy buttons of the samples: each `button[data-copy]` copies the text of the element whose id
// it names. The buttons are in the page hidden and shown only here, since they need a script.
"use strict";

(function () {
  function fallbackCopy(element) {
    // navigator.clipboard exists only in secure contexts (HTTPS or localhost); a lecture room
    // served over plain HTTP on its LAN copies the old way, through a selection.
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let done = false;
    try { done = document.execCommand("copy"); } catch (_error) { done = false; }
    selection.removeAllRanges();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(element) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(element.textContent).catch(() => fallbackCopy(element));
    }
    return fallbackCopy(element);
  }

  document.querySelectorAll("button[data-copy]").forEach((button) => {
    const target = document.getElementById(button.dataset.copy);
    if (!target) return;
    const label = button.textContent;
    let timer = 0;
    button.addEventListener("click", () => {
      copy(target).then(() => {
        button.textContent = button.dataset.done || label;
        clearTimeout(timer);
        timer = setTimeout(() => { button.textContent = label; }, 1500);
      }, () => {
        // Nothing was copied: select the text so that Ctrl+C does it.
        const range = document.createRange();
        range.selectNodeContents(target);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      });
    });
    button.hidden = false;
  });
})();
