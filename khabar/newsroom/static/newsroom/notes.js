// The notes panel's "Add note" posts the note alone and shows the new
// thread, so edits not yet saved in the article's form stay where they
// are. Without this script the button posts the whole form to the same
// view, which saves the note and comes back to the edit screen.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-khabar-note-add]");
  if (!button) return;
  const panel = button.closest("[data-khabar-notes]");
  const box = panel.querySelector("[data-khabar-note]");
  event.preventDefault();
  if (!box.value.trim()) {
    box.focus();
    return;
  }
  const data = new FormData();
  const token = button.form.querySelector("[name=csrfmiddlewaretoken]");
  data.append("csrfmiddlewaretoken", token.value);
  data.append(box.name, box.value);
  button.disabled = true;
  try {
    const response = await fetch(button.formAction, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    });
    if (response.ok) {
      panel.querySelector("[data-khabar-notes-thread]").innerHTML =
        await response.text();
      box.value = "";
    }
  } finally {
    button.disabled = false;
  }
});
