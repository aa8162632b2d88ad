// A private note per question on its section page: a button above each question's
// heading opens a dialog to write it. Notes are kept with the drill progress
// (progress.js), show on the drill card too, and go with the progress export.
(() => {
  let dialog = null; // one dialog, made on the first section page, kept across pages

  document$.subscribe(() => {
    if (!document.querySelector(".md-content .study-tools")) return;
    for (const heading of document.querySelectorAll(".md-content article h2[id]")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "q-note";
      label(button, heading);
      button.addEventListener("click", () => edit(heading, button));
      heading.insertBefore(button, heading.querySelector(".headerlink"));
    }
  });

  function number(heading) {
    return heading.textContent.match(/^\s*(\d+)\./)?.[1] || "";
  }

  // "Add note" or "Your note", and whether there is one.
  function label(button, heading) {
    const has = Boolean(Progress.note(heading.id));
    button.textContent = has ? "Your note" : "Add note";
    button.setAttribute("aria-label", `${has ? "Your note on" : "Add note to"} question ${number(heading)}`);
    button.classList.toggle("q-note--set", has);
  }

  function edit(heading, button) {
    dialog = dialog || make();
    const text = dialog.querySelector("textarea");
    dialog.querySelector("h2").textContent = `Your note on question ${number(heading)}`;
    text.value = Progress.note(heading.id);
    text.oninput = () => Progress.note(heading.id, text.value);
    dialog.onclose = () => {
      label(button, heading);
      button.focus();
    };
    dialog.showModal();
    text.focus();
  }

  function make() {
    const element = document.createElement("dialog");
    element.className = "note-dialog";
    element.setAttribute("aria-labelledby", "note-dialog-title");
    element.innerHTML = `<form method="dialog">
      <h2 id="note-dialog-title"></h2>
      <textarea rows="6" maxlength="2000" aria-labelledby="note-dialog-title"></textarea>
      <p>Private: kept in this browser with your drill progress, shown on the drill card and saved in its export.</p>
      <button>Done</button>
    </form>`;
    document.body.append(element);
    return element;
  }
})();
