// The drill page: a flash-card session or a mock interview over the cards the build wrote
// (scripts/outputs/cards.py). The session (queue, position, grades so far) is kept per tab by
// Progress.session(), so it survives a visit to a section page, instant navigation back,
// and a reload; grades are saved at once by Progress.record(). When cards come back is
// Scheduler's business; the timer and recording are say-aloud.js's, told what happens
// here by events on the drill's element (drill:card, drill:reveal, drill:end) and asking
// for the answer with drill:time-up.
//
// What to drill (the filters and the mode) is in the page's URL, so a set can be
// bookmarked and shared: ?set=core&role=llm-engineer&section=system-design&topic=retrieval
// &status=due&mode=mock. A mock interview asks a question, then one of its follow-ups.
(() => {
  let deck = null; // the parsed cards.json (the cards' fronts), fetched once per page load
  // The files read after it, each fetched once when first needed: the cards' backs (right
  // after the first card shows) and the follow-ups (when a mock interview starts).
  const files = { backs: null, followUps: null }; // promises
  let backs = {}; // the cards' backs, by id, once they are in
  let view = null; // { root, parts, session, step } of the drill page on screen

  const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const option = (value, text) => `<option value="${escape(value)}">${escape(text)}</option>`;
  const GRADES = { 1: "Didn't know", 2: "Unsure", 3: "Knew it" };
  const FILTERS = ["set", "role", "section", "topic", "status", "mode"];
  const MOCK_QUESTIONS = 5; // a mock interview asks this many, each with a follow-up
  const SWIPE = 60; // px sideways that make a swipe

  function interviewAt(settings) {
    if (!settings.interview) return 0;
    const [year, month, day] = settings.interview.split("-").map(Number);
    return new Date(year, month - 1, day).getTime();
  }

  const SHELL = `
    <div class="drill-notice admonition warning" data-part="notice" hidden></div>
    <details class="drill-setup" data-part="setup">
      <summary><span data-part="now">All questions</span> <span class="drill-change">Change</span></summary>
      <form class="drill-filters" data-part="filters">
        <label>Questions <select name="set">${option("", "All")}${option("core", "Core")}</select></label>
        <label>Role <select name="role"><option value="">Any role</option></select></label>
        <label>Section <select name="section"><option value="">All sections</option></select></label>
        <label>Topic <select name="topic"><option value="">All topics</option></select></label>
        <label>Status <select name="status">${option("", "Any status")}${Object.entries(Scheduler.LABELS).map(([value, text]) => option(value, text)).join("")}${option("due", "Due")}</select></label>
        <label>Mode <select name="mode">${option("", "Flash cards")}${option("mock", `Mock interview: ${MOCK_QUESTIONS} questions and a follow-up each`)}</select></label>
        <p class="drill-buttons"><button type="submit" class="md-button md-button--primary">Start a new session</button>
          <a href="./" data-part="link">Link to this set</a></p>
      </form>
      <div class="drill-filters">
        <label>Timer per card <select data-part="timer">${Progress.TIMERS.map((s) => option(s, s ? `${s} seconds` : "Off")).join("")}</select></label>
        <label class="drill-check"><input type="checkbox" data-part="record"> Record my answers to play back</label>
      </div>
      <p class="drill-hint">The timer starts when a card shows and reveals the answer at zero. Recordings stay in
        this page's memory, are never uploaded, and are gone when you move on unless you save one.</p>
      <p class="drill-countdown" data-part="countdown"></p>
    </details>
    <section class="drill-card" data-part="card" aria-labelledby="drill-question">
      <p class="drill-meta"><span data-part="meta"></span> <button type="button" class="drill-link" data-part="end">End session</button></p>
      <h2 id="drill-question" data-part="question">Loading the cards…</h2>
      <div class="drill-recording" data-part="recording"></div>
      <div class="drill-back" data-part="back" tabindex="-1" hidden></div>
      <p class="drill-aloud-message" data-part="aloud-message" hidden></p>
      <div class="drill-actions">
        <p class="drill-aloud" data-part="aloud" aria-hidden="true" hidden></p>
        <p class="drill-announce" data-part="announce" aria-live="polite"></p>
        <button type="button" class="md-button md-button--primary" data-part="reveal" disabled>Show answer</button>
        <div class="drill-grades" data-part="grades" role="group" aria-label="How well did you know it?" hidden>
          <p class="drill-suggest" data-part="suggest" role="status"></p>
          ${[1, 2, 3].map((g) => `<button type="button" class="md-button" data-grade="${g}"><span class="key-hint"><kbd>${g}</kbd></span> ${GRADES[g]}</button>`).join("")}
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
    const current = { root, parts, session: null, step: null };
    view = current;
    bind(current);
    showNotice(current);
    const loading = deck ? Promise.resolve(deck) : fetchJson(root.dataset.cards);
    loading.then((data) => {
      deck = data;
      if (view === current) start(current);
    }, () => {
      parts.question.textContent = "The cards could not be loaded. Check your connection and reload the page.";
    });
  });

  function fetchJson(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    });
  }

  function load(current, name) {
    files[name] = files[name] || fetchJson(current.root.dataset[name]).catch((error) => {
      files[name] = null; // tried again by the next card
      throw error;
    });
    return files[name];
  }

  const cardOf = (id) => deck.cards.find((card) => card.id === id);
  const sectionSlug = (section) => section.url.replace(/\/$/, "");

  function start(current) {
    const { parts } = current;
    const select = parts.filters.elements;
    const core = deck.cards.filter((card) => card.core).length;
    select.set.options[0].text = `All ${deck.cards.length}`;
    select.set.options[1].text = `Core ${core}`;
    select.role.insertAdjacentHTML("beforeend", Object.entries(deck.roles).map(([slug, name]) => option(slug, name)).join(""));
    select.section.insertAdjacentHTML("beforeend", deck.sections.map((s) => option(sectionSlug(s), s.title)).join(""));
    select.topic.insertAdjacentHTML("beforeend", Object.entries(deck.topics).map(([slug, name]) => option(slug, name)).join(""));
    parts.reveal.disabled = false;
    const ids = new Set(deck.cards.map((card) => card.id));
    const params = new URLSearchParams(location.search);
    const asked = FILTERS.some((name) => params.has(name)) ? setFilters(current, Object.fromEntries(params)) : null;
    const saved = Progress.session();
    const same = (a, b) => FILTERS.every((name) => (a[name] || "") === ((b || {})[name] || ""));
    if (saved && saved.queue.every((key) => ids.has(key.split("/")[0])) && (!asked || same(asked, saved.filters))) {
      current.session = saved;
      setFilters(current, saved.filters || {});
      render(current);
    } else {
      newSession(current, null);
    }
  }

  // Puts `filters` into the form (a value the form does not offer becomes "any") and
  // returns them as the form now holds them.
  function setFilters(current, filters) {
    const select = current.parts.filters.elements;
    for (const name of FILTERS) select[name].value = filters[name] || "";
    return formFilters(current);
  }

  function formFilters(current) {
    const select = current.parts.filters.elements;
    return Object.fromEntries(FILTERS.map((name) => [name, select[name].value]));
  }

  // The drill page's address for a set: only the filters that narrow it.
  function linkTo(filters) {
    const params = new URLSearchParams(FILTERS.filter((name) => filters[name]).map((name) => [name, filters[name]]));
    return location.pathname + (params.size ? `?${params}` : "");
  }

  function matching(filters) {
    const data = Progress.read();
    const now = Date.now();
    return deck.cards.filter((card) => {
      const record = data.cards[card.id];
      if (filters.set === "core" && !card.core) return false;
      if (filters.role && !card.roles.includes(filters.role)) return false;
      if (filters.section && !card.url.startsWith(`${filters.section}/`)) return false;
      if (filters.topic && !card.topics.includes(filters.topic)) return false;
      if (filters.status === "due") return Scheduler.isDue(record, now);
      return !filters.status || Scheduler.status(record) === filters.status;
    }).map((card) => card.id);
  }

  // A new session over the filtered cards, or over `ids` (the missed ones again). A mock
  // interview's queue holds "id" for a question and "id/k" for its follow-up k.
  function newSession(current, ids) {
    const filters = formFilters(current);
    let queue = ids || Scheduler.order(matching(filters), Progress.read().cards, Date.now(), Math.random);
    if (filters.mode === "mock") {
      queue = queue.slice(0, MOCK_QUESTIONS).flatMap((id) => [id, `${id}/${Math.floor(Math.random() * cardOf(id).followUps)}`]);
    }
    current.session = { queue, position: 0, revealed: false, ticks: [], first: {}, probes: {}, missed: [], filters, done: false };
    current.step = null; // the first card is shown afresh, even when it was on screen
    current.parts.setup.open = false;
    save(current);
    render(current);
  }

  function save(current) {
    Progress.saveSession(current.session);
  }

  function tell(current, name, detail) {
    current.root.dispatchEvent(new CustomEvent(`drill:${name}`, { detail }));
  }

  function render(current) {
    const { parts, session } = current;
    renderSetup(current);
    const finished = session.done || session.position >= session.queue.length;
    parts.card.hidden = finished;
    parts.summary.hidden = !finished;
    if (finished) {
      current.step = null;
      tell(current, "end");
      return renderSummary(current);
    }
    const key = session.queue[session.position];
    if (current.step !== key) showStep(current, key);
    parts.back.hidden = !session.revealed;
    parts.reveal.hidden = session.revealed;
    parts.grades.hidden = !session.revealed;
    renderSuggestion(current);
  }

  // The question and its back, once per step: what the reader ticks, types or records
  // on the back stays while the step lasts.
  function showStep(current, key) {
    const { parts, session } = current;
    const [id, probe] = key.split("/");
    const card = cardOf(id);
    current.step = key;
    const place = session.filters.mode === "mock"
      ? `Question ${Math.floor(session.position / 2) + 1} of ${session.queue.length / 2}`
      : `Card ${session.position + 1} of ${session.queue.length}`;
    parts.meta.textContent = `${place} · ${probe === undefined ? card.section : `Follow-up to question ${card.number}`}`;
    const link = `<p><a href="../${escape(card.url)}" data-part="full">Full answer on the ${escape(card.section)} page</a></p>`;
    const note = `<p class="drill-note"><label for="drill-note">Your note on question ${card.number}</label>
      <textarea id="drill-note" rows="2" maxlength="2000" placeholder="Private: kept in this browser with your progress">${escape(Progress.note(id))}</textarea></p>`;
    const here = () => current.step === key && view === current;
    parts.back.innerHTML = "<p>Loading the answer…</p>";
    if (probe === undefined) {
      parts.question.textContent = `${card.number}. ${card.title}`;
      parts.reveal.disabled = false;
      tell(current, "card", { key, label: `question ${card.number}`, revealed: session.revealed });
      load(current, "backs").then((all) => {
        backs = all;
        if (!here()) return;
        const points = all[id].points.map((point, i) => `<label><input type="checkbox" data-point="${i}"${session.ticks.includes(i) ? " checked" : ""}> ${escape(point)}</label>`).join("");
        parts.back.innerHTML = `${all[id].short}${all[id].formula}<fieldset class="drill-points"><legend>Key points: tick the ones you said</legend>${points}</fieldset>${note}${link}`;
        renderSuggestion(current);
      }, () => here() && (parts.back.innerHTML = "<p>The answer could not be loaded. Check your connection, then reload the page.</p>"));
      return;
    }
    parts.question.textContent = "Loading the follow-up…";
    parts.reveal.disabled = true;
    load(current, "followUps").then((all) => {
      if (!here()) return;
      const [question, answer] = all[id][Number(probe)] || all[id][0];
      parts.question.innerHTML = question;
      parts.back.innerHTML = `${answer}${note}${link}`;
      parts.reveal.disabled = false;
      tell(current, "card", { key, label: `the follow-up to question ${card.number}`, revealed: session.revealed });
    }, () => here() && (parts.question.textContent = "The follow-up could not be loaded. Check your connection, then reload the page."));
  }

  // The grade the ticks suggest: all key points said, knew it; some, unsure; none, didn't know.
  function suggested(current) {
    const [id, probe] = current.step.split("/");
    const total = probe === undefined && backs[id] ? backs[id].points.length : 0;
    if (!total) return 0;
    const ticked = current.session.ticks.length;
    return ticked === total ? 3 : ticked ? 2 : 1;
  }

  function renderSuggestion(current) {
    const { parts, session } = current;
    const grade = session.revealed ? suggested(current) : 0;
    parts.grades.querySelectorAll("[data-grade]").forEach((button) => button.classList.toggle("drill-suggested", Number(button.dataset.grade) === grade));
    const total = grade ? backs[current.step.split("/")[0]].points.length : 0;
    parts.suggest.textContent = grade ? `${session.ticks.length} of ${total} key points: ${GRADES[grade]}` : "";
  }

  function renderSetup(current) {
    const { parts, session } = current;
    const data = Progress.read();
    const at = interviewAt(data.settings);
    const unknown = deck.cards.filter((card) => Scheduler.status(data.cards[card.id]) !== "known").length;
    parts.interview.value = data.settings.interview || "";
    parts.timer.value = String(data.settings.timer || 0);
    parts.record.checked = data.settings.record === true;
    parts.countdown.textContent = at
      ? `${Scheduler.daysLeft(at, Date.now())} days to your interview; ${unknown} of ${deck.cards.length} cards not yet known.`
      : `${unknown} of ${deck.cards.length} cards not yet known. Set your interview date under "Interview date and saved progress" and nothing is scheduled after it.`;
    const seconds = data.settings.timer;
    parts.now.textContent = [describe(current, session.filters), seconds && `${seconds} s timer`, data.settings.record && "recording"].filter(Boolean).join(" · ");
    parts.link.href = linkTo(formFilters(current));
    const address = linkTo(session.filters);
    if (address !== location.pathname + location.search) history.replaceState(history.state, "", address);
  }

  // A set in words: "Core 30 · LLM engineer · Mock interview".
  function describe(current, filters) {
    const select = current.parts.filters.elements;
    const said = FILTERS.filter((name) => filters[name]).map((name) => [...select[name].options].find((o) => o.value === filters[name]));
    const words = said.filter(Boolean).map((o) => (o.value === "mock" ? "Mock interview" : o.text));
    if (filters.set !== "core") words.unshift(`All ${deck.cards.length} questions`);
    return words.join(" · ");
  }

  function renderSummary(current) {
    const { parts, session } = current;
    if (!session.queue.length) {
      parts.summary.innerHTML = `
        <h2 id="drill-summary-title" tabindex="-1">No cards match</h2>
        <p>No card matches this set: ${escape(describe(current, session.filters))}.</p>
        <p class="drill-buttons"><button type="button" class="md-button md-button--primary" data-action="clear">Clear the filters</button></p>`;
      parts.print.innerHTML = "";
      return;
    }
    const tally = (grades) => {
      const counts = { 1: 0, 2: 0, 3: 0 };
      Object.values(grades).forEach((grade) => (counts[grade] += 1));
      return [1, 2, 3].map((g) => `${GRADES[g]} <strong>${counts[g]}</strong>`).join(" · ");
    };
    const graded = Object.keys(session.first).length;
    const probes = Object.keys(session.probes).length;
    const missed = session.missed.map(cardOf).filter(Boolean);
    const links = missed.map((card) => `<li><a href="../${escape(card.url)}">${card.number}. ${escape(card.title)}</a></li>`).join("");
    const mock = session.filters.mode === "mock";
    parts.summary.innerHTML = `
      <h2 id="drill-summary-title" tabindex="-1">${mock ? "Mock interview done" : "Session done"}</h2>
      ${graded ? `<p>${graded} ${mock ? "questions" : "cards"}: ${tally(session.first)}</p>` : "<p>No card was graded in this session.</p>"}
      ${probes ? `<p>${probes} follow-ups: ${tally(session.probes)}</p>` : ""}
      ${missed.length ? `<p>Missed this session:</p><ul>${links}</ul>
      <p class="drill-buttons"><button type="button" class="md-button md-button--primary" data-action="again">Drill the missed ones again</button>
      <button type="button" class="md-button" data-action="print">Print my weak spots</button></p>` : graded ? "<p>You missed none of them.</p>" : ""}
      <p class="drill-buttons"><button type="button" class="md-button" data-action="new">Start a new session</button></p>`;
    parts.print.innerHTML = `<h2>My weak spots</h2>` + missed.map((card) =>
      `<div class="drill-print-card"><h3>${card.number}. ${escape(card.title)}</h3>${backs[card.id] ? backs[card.id].short + backs[card.id].formula : ""}</div>`).join("");
  }

  function reveal(current) {
    if (current.session.revealed || current.parts.reveal.disabled) return;
    current.session.revealed = true;
    save(current);
    render(current);
    tell(current, "reveal");
    current.parts.back.focus();
  }

  function grade(current, value) {
    const { session } = current;
    if (!session.revealed) return;
    const key = session.queue[session.position];
    const [id, probe] = key.split("/");
    if (probe !== undefined) {
      session.probes[key] = value;
    } else {
      const data = Progress.read();
      Progress.record(id, Scheduler.review(data.cards[id], value, Date.now(), interviewAt(data.settings)));
      if (!(id in session.first)) session.first[id] = value;
    }
    if (value === 1) {
      if (!session.missed.includes(id)) session.missed.push(id);
      if (session.filters.mode !== "mock") session.queue = Scheduler.requeue(session.queue, session.position);
    }
    session.position += 1;
    session.revealed = false;
    session.ticks = [];
    current.step = null; // a missed card can come back next: it is shown afresh
    save(current);
    render(current);
    focusFirst(current);
  }

  // After a new card or the end: the reveal button, or the summary's title.
  function focusFirst(current) {
    (current.parts.card.hidden ? current.parts.summary.querySelector("h2") : current.parts.reveal).focus();
  }

  function bind(current) {
    const { root, parts } = current;
    parts.reveal.addEventListener("click", () => reveal(current));
    root.addEventListener("drill:time-up", () => reveal(current));
    parts.grades.addEventListener("click", (event) => {
      const button = event.target.closest("[data-grade]");
      if (button) grade(current, Number(button.dataset.grade));
    });
    parts.end.addEventListener("click", () => {
      current.session.done = true;
      save(current);
      render(current);
      focusFirst(current);
    });
    parts.filters.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!deck) return;
      newSession(current, null);
      focusFirst(current);
    });
    parts.filters.addEventListener("change", () => deck && (parts.link.href = linkTo(formFilters(current))));
    parts.back.addEventListener("click", (event) => {
      if (event.target.closest("[data-part=full]")) {
        current.session.opened = current.session.queue[current.session.position].split("/")[0];
        save(current);
      }
    });
    parts.back.addEventListener("change", (event) => {
      const box = event.target.closest("[data-point]");
      if (!box) return;
      const ticks = new Set(current.session.ticks);
      ticks[box.checked ? "add" : "delete"](Number(box.dataset.point));
      current.session.ticks = [...ticks].sort();
      save(current);
      renderSuggestion(current);
    });
    parts.back.addEventListener("input", (event) => {
      if (event.target.id === "drill-note") Progress.note(current.step.split("/")[0], event.target.value);
    });
    bindSwipe(current);
    parts.summary.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (!action) return;
      if (action.dataset.action === "again") {
        newSession(current, current.session.missed.slice());
      } else if (action.dataset.action === "clear") {
        setFilters(current, {});
        newSession(current, null);
      } else if (action.dataset.action === "new") {
        newSession(current, null);
      } else {
        document.body.classList.add("print-weak-spots");
        window.addEventListener("afterprint", () => document.body.classList.remove("print-weak-spots"), { once: true });
        window.print();
        return;
      }
      focusFirst(current);
    });
    // The timer and recording apply at once, to the card on screen too (say-aloud.js).
    const aloud = () => {
      Progress.setting("timer", Number(parts.timer.value));
      Progress.setting("record", parts.record.checked);
      if (deck) renderSetup(current);
      tell(current, "settings");
    };
    parts.timer.addEventListener("change", aloud);
    parts.record.addEventListener("change", aloud);
    parts.interview.addEventListener("change", () => {
      const value = parts.interview.value;
      Progress.setting("interview", /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
      renderSetup(current);
    });
    parts.export.addEventListener("click", () => {
      const name = `ml-interview-prep-progress-${new Date().toISOString().slice(0, 10)}.json`;
      Progress.download(name, Progress.exportText());
      parts.message.textContent = `Exported ${Progress.describe(Progress.read())} to ${name}, in your downloads.`;
    });
    parts.import.addEventListener("click", () => parts.file.click());
    parts.file.addEventListener("change", async () => {
      const file = parts.file.files[0];
      parts.file.value = "";
      if (!file || !deck) return;
      const result = await Progress.importFile(file, deck.cards.map((card) => card.id));
      parts.message.textContent = result.message;
      if (result.ok) {
        render(current);
        tell(current, "settings");
      }
    });
    parts.reset.addEventListener("click", () => {
      if (!window.confirm("Delete all drill progress, notes and settings saved in this browser? Export them first if you may want them back.")) return;
      Progress.reset();
      parts.message.textContent = "Progress reset: every card is new again, and your notes and settings are gone.";
      showNotice(current);
      if (deck) newSession(current, null);
    });
  }

  // On a touch screen a swipe to the left goes on: it shows the answer, or grades the card
  // as the ticks suggest. Only on the card, and never on something that scrolls sideways.
  function bindSwipe(current) {
    let from = null;
    current.parts.card.addEventListener("touchstart", (event) => {
      const scrolls = event.target.closest(".math, pre, table, textarea, input, audio, select");
      from = event.touches.length === 1 && !scrolls ? event.touches[0] : null;
    }, { passive: true });
    current.parts.card.addEventListener("touchend", (event) => {
      if (!from) return;
      const dx = event.changedTouches[0].clientX - from.clientX;
      const dy = event.changedTouches[0].clientY - from.clientY;
      from = null;
      if (dx > -SWIPE || Math.abs(dy) > Math.abs(dx) / 2) return;
      if (!current.session.revealed) reveal(current);
      else if (suggested(current)) grade(current, suggested(current));
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
    const typing = "input:not([type=checkbox]), select, textarea, [contenteditable]";
    if (event.target.closest(typing) || view.parts.card.hidden) return;
    if (event.key === " " || event.key === "Enter") {
      if (event.target.closest("button, a, summary, input") || view.session.revealed) return;
      event.preventDefault();
      reveal(view);
    } else if (["1", "2", "3"].includes(event.key) && view.session.revealed) {
      event.preventDefault();
      grade(view, Number(event.key));
    }
  });
})();
