// The drill page: a flash-card session over the cards the build wrote (scripts/outputs/cards.py).
// The session (queue, position, grades so far) is kept per tab by Progress.session(), so
// it survives a visit to a section page, instant navigation back, and a reload; grades
// are saved at once by Progress.record(). When cards come back is Scheduler's business.
(() => {
  let deck = null; // the parsed cards.json, fetched once per page load
  let view = null; // { parts, session } of the drill page on screen

  const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const option = (value, text) => `<option value="${escape(value)}">${escape(text)}</option>`;
  const GRADES = { 1: "Didn't know", 2: "Unsure", 3: "Knew it" };

  function interviewAt(settings) {
    if (!settings.interview) return 0;
    const [year, month, day] = settings.interview.split("-").map(Number);
    return new Date(year, month - 1, day).getTime();
  }

  const SHELL = `
    <div class="drill-notice admonition warning" data-part="notice" hidden></div>
    <p class="drill-countdown" data-part="countdown"></p>
    <form class="drill-filters" data-part="filters">
      <label>Section <select name="section"><option value="">All sections</option></select></label>
      <label>Topic <select name="topic"><option value="">All topics</option></select></label>
      <label>Status <select name="status">${option("", "Any status")}${Object.entries(Scheduler.LABELS).map(([value, text]) => option(value, text)).join("")}${option("due", "Due")}</select></label>
      <button type="submit" class="md-button">Start a new session</button>
    </form>
    <section class="drill-card" data-part="card" aria-labelledby="drill-question">
      <p class="drill-meta"><span data-part="meta"></span> <button type="button" class="drill-link" data-part="end">End session</button></p>
      <h2 id="drill-question" data-part="question">Loading the cards…</h2>
      <div class="drill-back" data-part="back" tabindex="-1" hidden></div>
      <div class="drill-actions">
        <button type="button" class="md-button md-button--primary" data-part="reveal" disabled>Show answer</button>
        <div class="drill-grades" data-part="grades" role="group" aria-label="How well did you know it?" hidden>
          ${[1, 2, 3].map((g) => `<button type="button" class="md-button" data-grade="${g}"><kbd>${g}</kbd> ${GRADES[g]}</button>`).join("")}
        </div>
      </div>
    </section>
    <section class="drill-summary" data-part="summary" aria-labelledby="drill-summary-title" hidden></section>
    <div class="drill-print" data-part="print"></div>
    <details class="drill-settings">
      <summary>Interview date and saved progress</summary>
      <p><label>Interview date <input type="date" name="interview" data-part="interview"></label></p>
      <p class="drill-buttons">
        <button type="button" class="md-button" data-part="export">Export progress</button>
        <button type="button" class="md-button" data-part="import">Import progress</button>
        <input type="file" accept=".json,application/json" data-part="file" hidden>
        <button type="button" class="md-button" data-part="reset">Reset progress</button>
      </p>
      <p role="status" data-part="message"></p>
    </details>`;

  document$.subscribe(() => {
    const root = document.getElementById("flash-cards");
    view = null;
    if (!root) return;
    root.innerHTML = SHELL; // in place of the message for readers without JavaScript
    const parts = {};
    root.querySelectorAll("[data-part]").forEach((element) => (parts[element.dataset.part] = element));
    const current = { parts, session: null };
    view = current;
    bind(current);
    showNotice(current);
    const loading = deck ? Promise.resolve(deck) : fetch(root.dataset.cards).then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    });
    loading.then((data) => {
      deck = data;
      if (view === current) start(current);
    }, () => {
      parts.question.textContent = "The cards could not be loaded. Check your connection and reload the page.";
    });
  });

  function start(current) {
    const { parts } = current;
    const select = parts.filters.elements;
    select.section.insertAdjacentHTML("beforeend", deck.sections.map((s) => option(s.title, s.title)).join(""));
    select.topic.insertAdjacentHTML("beforeend", Object.entries(deck.topics).map(([slug, name]) => option(slug, name)).join(""));
    parts.reveal.disabled = false;
    const ids = new Set(deck.cards.map((card) => card.id));
    const saved = Progress.session();
    if (saved && saved.queue.every((id) => ids.has(id))) {
      current.session = saved;
      for (const name of ["section", "topic", "status"]) select[name].value = (saved.filters || {})[name] || "";
      render(current);
    } else {
      newSession(current, null);
    }
  }

  function matching(filters) {
    const data = Progress.read();
    const now = Date.now();
    return deck.cards.filter((card) => {
      const record = data.cards[card.id];
      if (filters.section && card.section !== filters.section) return false;
      if (filters.topic && !card.topics.includes(filters.topic)) return false;
      if (filters.status === "due") return Scheduler.isDue(record, now);
      return !filters.status || Scheduler.status(record) === filters.status;
    }).map((card) => card.id);
  }

  // A new session over the filtered cards, or over `ids` (the missed ones again).
  function newSession(current, ids) {
    const select = current.parts.filters.elements;
    const filters = { section: select.section.value, topic: select.topic.value, status: select.status.value };
    const queue = ids || Scheduler.order(matching(filters), Progress.read().cards, Date.now(), Math.random);
    current.session = { queue, position: 0, revealed: false, first: {}, missed: [], filters, done: false };
    save(current);
    render(current);
  }

  function save(current) {
    Progress.saveSession(current.session);
  }

  const cardOf = (id) => deck.cards.find((card) => card.id === id);

  function render(current) {
    const { parts, session } = current;
    renderCountdown(current);
    const finished = session.done || session.position >= session.queue.length;
    parts.card.hidden = finished;
    parts.summary.hidden = !finished;
    if (finished) return renderSummary(current);
    const card = cardOf(session.queue[session.position]);
    parts.meta.textContent = `Card ${session.position + 1} of ${session.queue.length} · ${card.section}`;
    parts.question.textContent = `${card.number}. ${card.title}`;
    parts.back.innerHTML = `${card.short}${card.formula}<p><a href="../${escape(card.url)}" data-part="full">Full answer on the ${escape(card.section)} page</a></p>`;
    parts.back.hidden = !session.revealed;
    parts.reveal.hidden = session.revealed;
    parts.grades.hidden = !session.revealed;
  }

  function renderCountdown(current) {
    const data = Progress.read();
    const at = interviewAt(data.settings);
    const ids = deck ? deck.cards.map((card) => card.id) : [];
    const unknown = ids.filter((id) => Scheduler.status(data.cards[id]) !== "known").length;
    current.parts.interview.value = data.settings.interview || "";
    current.parts.countdown.textContent = at
      ? `${Scheduler.daysLeft(at, Date.now())} days to your interview; ${unknown} of ${ids.length} cards not yet known.`
      : `${unknown} of ${ids.length} cards not yet known. Set your interview date below and nothing is scheduled after it.`;
  }

  function renderSummary(current) {
    const { parts, session } = current;
    const counts = { 1: 0, 2: 0, 3: 0 };
    Object.values(session.first).forEach((grade) => (counts[grade] += 1));
    const missed = session.missed.map(cardOf).filter(Boolean);
    const links = missed.map((card) => `<li><a href="../${escape(card.url)}">${card.number}. ${escape(card.title)}</a></li>`).join("");
    parts.summary.innerHTML = `
      <h2 id="drill-summary-title" tabindex="-1">Session done</h2>
      <p>${Object.keys(session.first).length} cards: ${[1, 2, 3].map((g) => `${GRADES[g]} <strong>${counts[g]}</strong>`).join(" · ")}</p>
      ${missed.length ? `<p>Missed this session:</p><ul>${links}</ul>
      <p class="drill-buttons"><button type="button" class="md-button md-button--primary" data-action="again">Drill the missed ones again</button>
      <button type="button" class="md-button" data-action="print">Print my weak spots</button></p>` : "<p>You missed none of them.</p>"}`;
    parts.print.innerHTML = `<h2>My weak spots</h2>` + missed.map((card) =>
      `<div class="drill-print-card"><h3>${card.number}. ${escape(card.title)}</h3>${card.short}${card.formula}</div>`).join("");
  }

  function reveal(current) {
    if (current.session.revealed) return;
    current.session.revealed = true;
    save(current);
    render(current);
    current.parts.back.focus();
  }

  function grade(current, value) {
    const { session } = current;
    if (!session.revealed) return;
    const id = session.queue[session.position];
    const data = Progress.read();
    Progress.record(id, Scheduler.review(data.cards[id], value, Date.now(), interviewAt(data.settings)));
    if (!(id in session.first)) session.first[id] = value;
    if (value === 1) {
      if (!session.missed.includes(id)) session.missed.push(id);
      session.queue = Scheduler.requeue(session.queue, session.position);
    }
    session.position += 1;
    session.revealed = false;
    save(current);
    render(current);
    (current.parts.card.hidden ? current.parts.summary.querySelector("h2") : current.parts.reveal).focus();
  }

  function bind(current) {
    const { parts } = current;
    parts.reveal.addEventListener("click", () => reveal(current));
    parts.grades.addEventListener("click", (event) => {
      const button = event.target.closest("[data-grade]");
      if (button) grade(current, Number(button.dataset.grade));
    });
    parts.end.addEventListener("click", () => {
      current.session.done = true;
      save(current);
      render(current);
      parts.summary.querySelector("h2").focus();
    });
    parts.filters.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!deck) return;
      newSession(current, null);
      (parts.card.hidden ? parts.summary.querySelector("h2") : parts.reveal).focus();
    });
    parts.back.addEventListener("click", (event) => {
      if (event.target.closest("[data-part=full]")) {
        current.session.opened = current.session.queue[current.session.position];
        save(current);
      }
    });
    parts.summary.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action) return;
      if (action.dataset.action === "again") {
        newSession(current, current.session.missed.slice());
        parts.reveal.focus();
      } else {
        document.body.classList.add("print-weak-spots");
        window.addEventListener("afterprint", () => document.body.classList.remove("print-weak-spots"), { once: true });
        window.print();
      }
    });
    parts.interview.addEventListener("change", () => {
      const value = parts.interview.value;
      Progress.setting("interview", /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
      renderCountdown(current);
    });
    parts.export.addEventListener("click", () => {
      Progress.download(`ml-interview-prep-progress-${new Date().toISOString().slice(0, 10)}.json`, Progress.exportText());
    });
    parts.import.addEventListener("click", () => parts.file.click());
    parts.file.addEventListener("change", async () => {
      const file = parts.file.files[0];
      parts.file.value = "";
      if (!file || !deck) return;
      const result = await Progress.importFile(file, deck.cards.map((card) => card.id));
      parts.message.textContent = result.message;
      if (result.ok) render(current);
    });
    parts.reset.addEventListener("click", () => {
      if (!window.confirm("Delete all drill progress saved in this browser? Export it first if you may want it back.")) return;
      Progress.reset();
      parts.message.textContent = "Progress reset: every card is new again.";
      showNotice(current);
      if (deck) newSession(current, null);
    });
  }

  // Saved progress this page cannot read is never overwritten: say so and offer it.
  function showNotice(current) {
    const broken = Progress.broken();
    const notice = current.parts.notice;
    notice.hidden = !broken;
    if (!broken) return;
    notice.innerHTML = `<p>Your saved drill progress cannot be read (${escape(broken.problem)}). It has not been
      changed. You can drill on, but grades are not saved until you reset your progress under
      "Interview date and saved progress"; download the saved value first to keep a copy.</p>
      <p class="drill-buttons"><button type="button" class="md-button" data-action="raw">Download the saved value</button></p>`;
    notice.querySelector("[data-action=raw]").addEventListener("click", () => Progress.download("ml-interview-prep-progress-unreadable.txt", broken.raw));
  }

  document.addEventListener("keydown", (event) => {
    if (!view || !view.session || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, select, textarea, [contenteditable]") || view.parts.card.hidden) return;
    if (event.key === " " || event.key === "Enter") {
      if (event.target.closest("button, a, summary") || view.session.revealed) return;
      event.preventDefault();
      reveal(view);
    } else if (["1", "2", "3"].includes(event.key) && view.session.revealed) {
      event.preventDefault();
      grade(view, Number(event.key));
    }
  });
})();
