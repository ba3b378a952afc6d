// The problem page's code editor. It enhances the form's <textarea id="code">: the textarea is
// hidden and kept in step with the editor, so the form posts exactly what it always posted, and
// without JavaScript the plain textarea is the editor.
import { EditorState, Prec } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars,
} from "@codemirror/view";
import {
  defaultKeymap, history, historyKeymap, indentWithTab, simplifySelection,
  temporarilySetTabFocusMode,
} from "@codemirror/commands";
import {
  HighlightStyle, syntaxHighlighting, bracketMatching, indentOnInput, indentUnit,
} from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { tags as t } from "@lezer/highlight";

// Captured now: document.currentScript is only set while this script first runs.
const script = document.currentScript;

// The palette of the server's Pygments highlighting (static/style.css, `.highlight`), so code
// looks the same in the editor and on the submission page.
const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword,
    t.bool, t.null, t.self], color: "#0033b3", fontWeight: "600" },
  { tag: [t.string, t.special(t.string)], color: "#067d17" },
  { tag: t.escape, color: "#8a4600" },
  { tag: t.number, color: "#0b6e75" },
  { tag: [t.comment, t.lineComment], color: "#5d6670", fontStyle: "italic" },
  { tag: [t.function(t.definition(t.variableName)), t.definition(t.className)],
    color: "#00627a", fontWeight: "600" },
  { tag: t.meta, color: "#7d5700" },
  { tag: t.invalid, color: "#b3261e" },
]);

const theme = EditorView.theme({
  "&": {
    border: "1px solid #aab2bf", borderRadius: "6px", backgroundColor: "#fff",
    fontSize: ".95rem",
  },
  "&.cm-focused": { outline: "3px solid #f0a500", outlineOffset: "2px" },
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    lineHeight: "1.5", maxHeight: "36rem", overflow: "auto",
  },
  // On the content and the gutter, not the scroller, so that the line numbers' column is as
  // tall as the empty box (CodeMirror's own advice for a minimum height).
  ".cm-content, .cm-gutter": { minHeight: "18rem" },
  ".cm-content": { padding: ".4rem 0" },
  ".cm-gutters": {
    backgroundColor: "#f1f3f6", color: "#5b6473", borderRight: "1px solid #d9dde4",
    borderRadius: "6px 0 0 6px",
  },
  ".cm-activeLine": { backgroundColor: "#f3f7ff" },
  ".cm-activeLineGutter": { backgroundColor: "#e3ebf8", color: "#1d2330" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "#cde4ff", outline: "1px solid #7aa7e6" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "#fdd8d5" },
}, { dark: false });

function storage() {
  // Private modes and disabled storage throw on access; the editor then simply keeps no draft.
  try {
    const probe = window.localStorage;
    probe.getItem("mljudge:probe");
    return probe;
  } catch (_error) {
    return null;
  }
}

function enhance(textarea) {
  const form = textarea.form;
  const store = storage();
  const draftKey = "mljudge:draft:" + form.dataset.problem;
  // Code the server put in the box (a form shown again with its error, or "submit again") is
  // what the student asked for; otherwise the draft of the last visit comes back.
  let initial = textarea.value;
  if (!initial && store) initial = store.getItem(draftKey) || "";

  let saveTimer = 0;
  function saveDraft(text) {
    clearTimeout(saveTimer);
    saveTimer = 0;
    if (!store) return;
    try {
      if (text.trim()) store.setItem(draftKey, text); else store.removeItem(draftKey);
    } catch (_error) { /* storage full: the code is still in the editor */ }
  }

  function submit() {
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
    return true;
  }

  const label = document.querySelector('label[for="' + textarea.id + '"]');
  const nonce = script && script.nonce;
  const view = new EditorView({
    state: EditorState.create({
      doc: initial,
      extensions: [
        // CodeMirror writes its styles into a <style> element of the document; the page's CSP
        // admits that element only with this response's nonce (see app/web/rendering.py).
        nonce ? EditorView.cspNonce.of(nonce) : [],
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(highlightStyle),
        python(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        Prec.highest(keymap.of([
          { key: "Mod-Enter", run: submit },
          // Tab indents, so Esc then Tab (within two seconds) is the keyboard's way out.
          { key: "Escape", run: (v) => simplifySelection(v) || temporarilySetTabFocusMode(v) },
        ])),
        keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({
          "aria-label": label ? label.textContent.trim() : "Code",
          "aria-describedby": "editor-help",
          spellcheck: "false", autocapitalize: "off", autocorrect: "off",
          ...(textarea.getAttribute("aria-invalid") === "true" ? { "aria-invalid": "true" } : {}),
        }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          clearTimeout(saveTimer);
          saveTimer = setTimeout(() => saveDraft(textarea.value), 300);
        }),
        theme,
      ],
    }),
  });
  textarea.value = initial;
  // What the editor shows is the draft from now on, server-given code included.
  if (initial) saveDraft(initial);
  textarea.hidden = true;
  textarea.after(view.dom);
  if (label) {
    // The label now names the editor (aria-label above), not the hidden textarea.
    label.removeAttribute("for");
    label.addEventListener("click", () => view.focus());
  }
  const help = document.getElementById("editor-help");
  if (help) help.hidden = false;

  // The draft is kept after submitting: after a WA the student comes back to the same code.
  form.addEventListener("submit", () => {
    textarea.value = view.state.doc.toString();
    saveDraft(textarea.value);
  });
  window.addEventListener("pagehide", () => { if (saveTimer) saveDraft(textarea.value); });
}

const textarea = document.getElementById("code");
if (textarea && textarea.form) enhance(textarea);
