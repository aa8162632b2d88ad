// Search: Material's search box in the header, answered from the Pagefind index that
// the build writes (scripts/outputs/search_index.py), one result per question. Nothing of the
// index is fetched until the box gets focus; Pagefind then loads only the chunks of the
// words typed. Keys as in Material: / or s or f focuses the box, arrows move through the
// results, Enter opens one, Escape closes. Events are caught on the document, so the
// handlers outlive instant navigation's page swaps.
(() => {
  const ROOT = new URL("..", document.currentScript.src); // this file is assets/search.js
  const SHOWN = 10;
  const FOCUS_KEYS = new Set(["/", "s", "f"]);
  // Words that say nothing about the topic. Pagefind wants every word of a query in a
  // result, so "L1 vs L2" would find nothing.
  const FILLER = new Set("a an and are between difference do does explain for how i in is it of on or the to versus vs what when why with you your".split(" "));
  // A last word shorter than this is most likely still being typed, and as a prefix it
  // matches so many words that its search takes long (on 3,000 questions, "model s" took
  // 0.3-1.2 s against 20 ms for "model selection"): it is searched only once typing
  // pauses, so that the search for the finished word does not queue behind it. The
  // price: "L1 vs L2" shows its results PAUSE_MS after the last keystroke.
  const WHOLE_WORD = 3;
  const PAUSE_MS = 150;
  let engine; // Pagefind, once loaded
  let wanted = ""; // the text in the box; answers to older texts are dropped
  let due = ""; // the text to search next: `wanted`, once it is worth a search
  let pause; // timer that searches a text ending in a short word
  let running = null; // the searches under way, while there are any

  const toggle = () => document.getElementById("__search");
  const input = () => document.querySelector("input.md-search__input");
  const links = () => [...document.querySelectorAll(".md-search-result__link")];

  function setOpen(open) {
    const box = toggle();
    if (box && box.checked !== open) {
      box.checked = open;
      box.dispatchEvent(new Event("change")); // Material's scroll lock listens for this
    }
  }

  function load() {
    engine ??= import(new URL("pagefind/pagefind.js", ROOT).href).then(async (pagefind) => {
      // termSimilarity: an exact word outranks a longer one it begins ("STAR" before "start").
      await pagefind.options({ excerptLength: 24, ranking: { termSimilarity: 8 } });
      await pagefind.init();
      return pagefind;
    });
    return engine;
  }

  // Fills the results list; `query` (marked on the list) is the text it answers.
  function show(message, items = [], query = "") {
    const meta = document.querySelector(".md-search-result__meta");
    const list = document.querySelector(".md-search-result__list");
    if (!meta || !list) return;
    meta.textContent = message;
    list.replaceChildren(...items);
    list.dataset.query = query;
  }

  function item(data, query) {
    const url = new URL(data.meta.link, ROOT); // "page/#question-id", from the build
    url.search = new URLSearchParams({ h: query }).toString();
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    li.innerHTML =
      '<a class="md-search-result__link"><article class="md-search-result__article md-typeset">' +
      '<div class="md-search-result__icon md-icon"></div><h1></h1><p></p></article></a>';
    li.querySelector("a").href = url.href;
    li.querySelector("h1").textContent = data.meta.title;
    li.querySelector("p").innerHTML = data.excerpt; // Pagefind escapes the text, marks the hits
    return li;
  }

  // Searches for the text in the box. Pagefind answers one search at a time, so a search
  // per keystroke would queue behind those for every earlier prefix: while one runs, only
  // the latest text waits, and it is searched as soon as the running one ends. A single
  // letter, which matches nearly every question, is not searched at all.
  function run(text) {
    wanted = text.trim();
    clearTimeout(pause);
    if (wanted.length < 2) return show(wanted ? "Type one more letter to search" : "Type to start searching");
    const last = wanted.split(/\s+/).pop();
    if (last.length < WHOLE_WORD) pause = setTimeout(() => search(wanted), PAUSE_MS);
    else search(wanted);
  }

  function search(query) {
    due = query;
    running ??= (async () => {
      for (let done; done !== due; ) await answer((done = due));
    })().finally(() => (running = null));
  }

  async function answer(query) {
    const pagefind = await load();
    const results = await find(pagefind, query);
    if (query !== wanted) return;
    const count = results.length;
    const found = count === 0 ? "No matching questions" : count === 1 ? "1 matching question" : `${count} matching questions`;
    // The first result is shown as soon as its text arrives, the others after it,
    // without holding up the search for what is typed next.
    const first = Promise.all(results.slice(0, 1).map((result) => result.data()));
    const rest = Promise.all(results.slice(1, SHOWN).map((result) => result.data()));
    const top = await first;
    if (query !== wanted) return;
    show(found, top.map((entry) => item(entry, query)), query);
    // Added below the first, so a first result already focused by the keyboard keeps focus.
    rest.then((others) => {
      if (query === wanted) document.querySelector(".md-search-result__list")?.append(...others.map((entry) => item(entry, query)));
    });
  }

  // Results that hold every telling word of the query; when none does, those holding
  // any of them, ranked by their summed scores.
  async function find(pagefind, query) {
    const words = query.toLowerCase().split(/\s+/);
    const telling = words.filter((word) => !FILLER.has(word));
    const kept = telling.length ? telling : words;
    const all = (await pagefind.search(kept.join(" "))).results;
    if (all.length || kept.length === 1) return all;
    const scores = new Map();
    for (const word of kept) {
      if (query !== wanted) return []; // typed on: one search per word would hold it up
      for (const result of (await pagefind.search(word)).results) {
        const seen = scores.get(result.id);
        scores.set(result.id, { result, score: (seen?.score || 0) + result.score });
      }
    }
    return [...scores.values()].sort((a, b) => b.score - a.score).map((entry) => entry.result);
  }

  function move(step) {
    const stops = [input(), ...links()];
    const at = stops.indexOf(document.activeElement);
    stops[(at + step + stops.length) % stops.length]?.focus();
  }

  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.("input.md-search__input")) {
      setOpen(true);
      load();
    }
  });
  document.addEventListener("input", (event) => {
    if (event.target.matches?.("input.md-search__input")) run(event.target.value);
  });
  document.addEventListener("change", (event) => {
    if (event.target === toggle() && event.target.checked) input()?.focus();
  });
  document.addEventListener("submit", (event) => {
    if (event.target.matches?.("form.md-search__form")) event.preventDefault();
  });
  document.addEventListener("reset", (event) => {
    if (event.target.matches?.("form.md-search__form")) {
      run("");
      input()?.focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest?.(".md-search-result__link")) setOpen(false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle()?.checked) {
      const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
      if (!typing && FOCUS_KEYS.has(event.key.toLowerCase())) {
        event.preventDefault();
        input()?.focus();
        input()?.select();
      }
      return;
    }
    if (event.key === "Escape") {
      setOpen(false);
      input()?.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && event.target === input()) {
      event.preventDefault();
      links()[0]?.click();
    }
  });

  // An address with "?q=words" (the 404 page's search form) opens the search with them.
  const asked = new URLSearchParams(location.search).get("q");
  if (asked && input()) {
    input().value = asked;
    input().focus();
    run(asked);
  }
})();
