// Progress where people study. On a section page: each question's status beside its
// heading, and the study tools (open or close all answers, hide short answers), whose
// choices carry over to every section page. On the home page: known/total per section.
// The build reserves room for all of it (scripts/build/hooks.py, scripts/build/macros.py), so
// filling it in moves nothing. Notes are notes.js's; the role filter of the home page,
// roles.js's.
(() => {
  document$.subscribe(() => {
    const data = Progress.read();
    const tools = document.querySelector(".md-content .study-tools");
    if (tools) {
      markQuestions(data.cards);
      fillTools(tools);
      openFromDrill();
    }
    for (const cell of document.querySelectorAll(".known-count[data-ids]")) {
      const ids = cell.dataset.ids.split(" ").filter(Boolean); // none when a role is asked none of a section
      const known = ids.filter((id) => Scheduler.status(data.cards[id]) === "known").length;
      cell.textContent = ids.length ? `${known} / ${ids.length}` : "–";
    }
  });

  function markQuestions(cards) {
    const now = Date.now();
    for (const heading of document.querySelectorAll(".md-content article h2[id]")) {
      const record = cards[heading.id];
      const status = Scheduler.status(record);
      const mark = heading.querySelector(".q-status") || document.createElement("span");
      mark.className = "q-status";
      mark.dataset.status = status;
      mark.textContent = Scheduler.LABELS[status] + (Scheduler.isDue(record, now) ? " · due" : "");
      heading.insertBefore(mark, heading.querySelector(".headerlink"));
    }
  }

  function fillTools(tools) {
    const article = tools.closest("article");
    const answers = () => article.querySelectorAll("details.answer");
    const button = (text, action) => {
      const element = document.createElement("button");
      element.type = "button";
      element.className = "md-button";
      element.textContent = text;
      element.addEventListener("click", action);
      return element;
    };
    const setAnswers = (open) => {
      Progress.setting("answers", open ? "open" : "closed");
      answers().forEach((details) => (details.open = open));
    };
    const hide = button("Hide short answers", () => {
      const hidden = !article.classList.contains("hide-short");
      Progress.setting("hideShort", hidden);
      showShort(hidden);
    });
    const showShort = (hidden) => {
      article.classList.toggle("hide-short", hidden);
      hide.setAttribute("aria-pressed", String(hidden));
    };
    // A blurred short answer shows when tapped or clicked.
    article.addEventListener("click", (event) => {
      const short = article.classList.contains("hide-short") && event.target.closest("h2 + p, h2 + p + .math");
      if (short) short.classList.add("shown");
    });
    tools.replaceChildren(button("Open all", () => setAnswers(true)), button("Close all", () => setAnswers(false)), hide);
    const session = Progress.session();
    if (session && !session.done) {
      const back = document.createElement("a");
      back.href = "../drill/";
      back.textContent = `Back to drill (card ${session.position + 1} of ${session.queue.length})`;
      tools.prepend(back); // first: on a phone the bar scrolls sideways, and this matters most
    }
    if (Progress.setting("answers") === "open") answers().forEach((details) => (details.open = true));
    showShort(Progress.setting("hideShort") === true);
  }

  // The drill's "Full answer" link opens that answer here.
  function openFromDrill() {
    const session = Progress.session();
    const heading = session && session.opened && document.getElementById(session.opened);
    if (!heading) return;
    const details = heading.parentElement.querySelector(`#${CSS.escape(heading.id)} ~ details.answer`);
    if (details) details.open = true;
    delete session.opened;
    Progress.saveSession(session);
  }
})();
