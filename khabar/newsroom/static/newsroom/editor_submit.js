// Send what the editor shows: Draftail copies a rich-text field's content
// into its hidden input 250 ms after the last change, so a form sent
// sooner (a publish at machine speed) would carry the text as it was
// before. Copy every rich-text field now, before the form data is read.
"use strict";
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-edit-form]")) {
      return;
    }
    for (const input of form.querySelectorAll("input[type=hidden]")) {
      if (input.draftailEditor && input.draftailEditor.saveState) {
        input.draftailEditor.saveState();
      }
    }
  },
  true,
);
