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
  // Words that say nothing about the topic; a query of nothing else is searched whole.
  const FILLER = new Set(
    ("a an and are as at be between by can do does explain for from how i in is it my of on or over " +
      "should that the this to versus vs what when where which why with you your").split(" "),
  );
  // A last word shorter than this is most likely still being typed, and as a prefix it
  // matches so many words that its search takes long (on 3,000 questions, "model s" took
  // 0.3-1.2 s against 20 ms for "model selection"): it is searched only once typing
  // pauses, so that the search for the finished word does not queue behind it. The
  // price: "L1 vs L2" shows its results PAUSE_MS after the last keystroke.
  const WHOLE_WORD = 3;
  const PAUSE_MS = 150;
  const FAILED = "Search could not load. Check your connection; it tries again when you next click the search box.";
  let engine; // Pagefind and the spelling table, once loading has started
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

  // Pagefind and the table of spelling variants, loaded once.
  function load() {
    engine ??= Promise.all([
      import(new URL("pagefind/pagefind.js", ROOT).href),
      fetch(new URL("pagefind/spellings.json", ROOT)).then((response) => response.json()),
    ]).then(async ([pagefind, spellings]) => {
      // termSimilarity: an exact word outranks a longer one it begins ("STAR" before "start").
      await pagefind.options({ excerptLength: 24, ranking: { termSimilarity: 8 } });
      await pagefind.init();
      const table = new Map(Object.entries(spellings));
      const longest = Math.max(1, ...[...table.keys()].map((key) => key.split(" ").length)); // in words
      return { pagefind, spellings: { table, longest } };
    });
    return engine;
  }

  // A load or a search failed (a dropped connection): says so, and drops what was loaded,
  // so that the next focus of the box or the next keystroke loads it again.
  async function failed(loading, query) {
    if (engine === loading) engine = undefined;
    (await loading.catch(() => null))?.pagefind.destroy();
    if (query === wanted) show(FAILED);
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
      for (let done; done !== due; ) {
        const loading = load();
        await answer(loading, (done = due)).catch(() => failed(loading, done));
      }
    })().finally(() => (running = null));
  }

  async function answer(loading, query) {
    const { pagefind, spellings } = await loading;
    const results = await find(pagefind, words(query, spellings), query);
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

  // The telling words of a query, spelled as the index spells them (the table comes from
  // scripts/outputs/spelling.py): "mini batch" becomes "mini-batch", "normalise" "normalize",
  // "difference in differences" "difference-in-differences". Each comes with its place in
  // the query, filler words counted, as the index counts every word of the text.
  function words(query, { table, longest }) {
    const typed = query.toLowerCase().split(/\s+/);
    const spelled = [];
    for (let i = 0; i < typed.length; ) {
      let n = longest; // the longest variant that starts here
      while (n > 1 && !table.has(typed.slice(i, i + n).join(" "))) n--;
      const key = typed.slice(i, i + n).join(" ");
      spelled.push(table.get(key) ?? key);
      i += n;
    }
    const all = spelled.map((word, at) => ({ word, at }));
    const telling = all.filter(({ word }) => !FILLER.has(word));
    return telling.length ? telling : all;
  }

  // One word: Pagefind's ranking. Several: each word is searched on its own, so that the
  // questions holding every word come first, then those holding most of them. A word
  // before the last is finished, and counts only where it stands whole ("STAR", not the
  // "start" it begins); the last may still be being typed. Among questions holding as
  // many words, the SHOWN best by score (each word's as a share of its best question's)
  // are ordered by where the words stand (weigh): in the title or an alias (Pagefind
  // weight 10, 8) before the short answer or a key point (3), before a passing mention
  // (1, 0.5), and together as typed before apart ("speculative decoding" in a short answer
  // before "speculative" in passing and "decoder" in a title).
  async function find(pagefind, words, query) {
    if (words.length === 1) return (await pagefind.search(words[0].word)).results;
    const questions = new Map(); // id -> { results: word's index -> its result, share }
    for (const [index, { word }] of words.entries()) {
      if (query !== wanted) return []; // typed on: one search per word would hold it up
      const { results } = await pagefind.search(word);
      const whole = index < words.length - 1 && new Set((await pagefind.search(`"${word}"`)).results.map((r) => r.id));
      const best = results[0]?.score || 1;
      for (const result of results.filter((found) => !whole || whole.has(found.id))) {
        const question = questions.get(result.id) ?? { results: new Map(), share: 0 };
        question.results.set(index, result);
        question.share += result.score / best;
        questions.set(result.id, question);
      }
    }
    const held = (question) => question.results.size;
    const ranked = [...questions.values()].sort((a, b) => held(b) - held(a) || b.share - a.share);
    const top = ranked.slice(0, SHOWN);
    await Promise.all(top.map((question) => weigh(question, words)));
    top.sort((a, b) => held(b) - held(a) || b.weight - a.weight);
    return [...top, ...ranked.slice(SHOWN)].map((question) => question.shown);
  }

  // A question's weight sums, over the words it holds, the weight of the best place each
  // stands in; over the neighboring words of the query it holds, the weight of the best
  // place where the two stand together (in the query's order, no farther apart than
  // there); and Pagefind's score, 4 for each word's best question, about what a word
  // adds standing in the short answer. The result shown is that of the question's
  // best-placed word (its excerpt marks that word).
  async function weigh(question, words) {
    const places = new Map(); // word's index -> Map(location -> weight)
    for (const [index, result] of question.results) {
      const { weighted_locations: found } = await result.data();
      places.set(index, new Map(found.map(({ location, weight }) => [location, weight])));
    }
    question.weight = 4 * question.share;
    for (const [index, here] of places) {
      const weight = Math.max(0, ...here.values());
      if (!question.shown || weight > question.best) [question.shown, question.best] = [question.results.get(index), weight];
      question.weight += weight;
      const next = places.get(index + 1);
      const apart = next && words[index + 1].at - words[index].at;
      let together = 0;
      for (const [location, placed] of next ? here : []) {
        for (let step = 1; step <= apart; step++) together = Math.max(together, Math.min(placed, next.get(location + step) ?? 0));
      }
      question.weight += together;
    }
  }

  function move(step) {
    const stops = [input(), ...links()];
    const at = stops.indexOf(document.activeElement);
    stops[(at + step + stops.length) % stops.length]?.focus();
  }

  document.addEventListener("focusin", (event) => {
    if (event.target.matches?.("input.md-search__input")) {
      setOpen(true);
      const loading = load();
      loading.catch(() => failed(loading, wanted));
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
