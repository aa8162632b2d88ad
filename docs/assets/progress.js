// Drill progress, notes and study settings: the one place that reads and writes them.
//
// Everything lives in localStorage under one versioned key, as
//   { kind, version, cards: { "question-id": { grade, interval, due, reviewed } },
//     notes: { "question-id": { text, edited } },
//     settings: { interview: "YYYY-MM-DD", answers: "open" | "closed", hideShort,
//                 timer: seconds, record } }
// `notes` and the drill's settings came after version 1 was first published; they are
// optional, so a value without them reads as before, and a page of the first release
// keeps them (it writes back everything it read). Nothing is sent anywhere. Ids that are
// no longer on the site are kept, never pruned. A stored value this code cannot read is
// never overwritten: until the reader downloads it or resets, changes are kept in memory
// only (see `broken`).
(() => {
  const KEY = "ml-interview-prep/progress";
  const SESSION_KEY = "ml-interview-prep/drill-session";
  const KIND = "ml-interview-prep progress";
  const VERSION = 1;
  const MAX_IMPORT_BYTES = 1024 * 1024;
  const MAX_NOTE = 2000; // characters
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const TIMERS = [0, 30, 60, 90, 120]; // seconds per card in the drill; 0 is off

  // Each setting: whether a value is valid, and how a message names it.
  const SETTINGS = {
    interview: { valid: (v) => typeof v === "string" && DATE.test(v), says: (v) => `your interview date (${v})` },
    answers: { valid: (v) => v === "open" || v === "closed", says: (v) => `answers ${v}` },
    hideShort: { valid: (v) => typeof v === "boolean", says: (v) => `short answers ${v ? "hidden" : "shown"}` },
    timer: { valid: (v) => TIMERS.includes(v), says: (v) => (v ? `a ${v} s timer` : "no timer") },
    record: { valid: (v) => typeof v === "boolean", says: (v) => `recording ${v ? "on" : "off"}` },
  };

  const empty = () => ({ kind: KIND, version: VERSION, cards: {}, notes: {}, settings: {} });
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const isTime = (value) => Number.isFinite(value) && value >= 0;
  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  // Why `data` is not progress this code can use, in a sentence; "" when it is.
  function problemWith(data) {
    if (!isObject(data) || data.kind !== KIND) return "it is not progress saved by this site";
    if (data.version !== VERSION) return `it is version ${JSON.stringify(data.version)} of the format; this page reads version ${VERSION}`;
    if (!isObject(data.cards)) return "it has no list of cards";
    for (const [id, record] of Object.entries(data.cards)) {
      if (!ID.test(id)) return `"${id}" is not a question id`;
      const ok = isObject(record) && [1, 2, 3].includes(record.grade) && Number.isFinite(record.interval)
        && record.interval >= 0 && isTime(record.due) && isTime(record.reviewed);
      if (!ok) return `the record of "${id}" is damaged`;
    }
    const notes = data.notes === undefined ? {} : data.notes;
    if (!isObject(notes)) return "its notes are damaged";
    for (const [id, note] of Object.entries(notes)) {
      const ok = ID.test(id) && isObject(note) && typeof note.text === "string" && note.text.length <= MAX_NOTE && isTime(note.edited);
      if (!ok) return `the note on "${id}" is damaged`;
    }
    const settings = data.settings === undefined ? {} : data.settings;
    if (!isObject(settings)) return "its settings are damaged";
    for (const [name, rule] of Object.entries(SETTINGS)) {
      if (settings[name] !== undefined && !rule.valid(settings[name])) return `its setting "${name}" is damaged`;
    }
    return "";
  }

  function parse(text) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  // When the stored value cannot be read: { raw, problem }; null otherwise.
  let broken = null;
  // Progress made while the stored value is unreadable, or storage is off.
  let memory = null;

  // The progress, fresh from storage every time (another tab may have written it).
  function read() {
    let raw = null;
    try {
      raw = localStorage.getItem(KEY);
    } catch {
      memory = memory || empty(); // storage blocked: the session still works
      return memory;
    }
    if (raw === null) {
      broken = null;
      return memory || empty();
    }
    const data = parse(raw);
    const problem = data === undefined ? "it is not valid JSON" : problemWith(data);
    if (problem) {
      broken = { raw, problem };
      memory = memory || empty();
      return memory;
    }
    broken = null;
    data.settings = data.settings || {};
    data.notes = data.notes || {};
    return data;
  }

  function write(data) {
    if (broken) {
      memory = data;
      return false;
    }
    try {
      localStorage.setItem(KEY, JSON.stringify(data));
      return true;
    } catch {
      memory = data;
      return false;
    }
  }

  function record(id, entry) {
    const data = read();
    data.cards[id] = entry;
    write(data);
  }

  function setting(name, value) {
    const data = read();
    if (value === undefined) return data.settings[name];
    data.settings[name] = value;
    write(data);
    return value;
  }

  // A question's note: its text ("" when there is none), or, given `text`, saves it
  // (an empty text deletes the note).
  function note(id, text) {
    const data = read();
    if (text === undefined) return data.notes[id] ? data.notes[id].text : "";
    const trimmed = text.slice(0, MAX_NOTE);
    if (trimmed.trim()) data.notes[id] = { text: trimmed, edited: Date.now() };
    else delete data.notes[id];
    write(data);
    return trimmed;
  }

  // What a saved or imported value holds, in words: "3 cards, 1 note and 2 study settings".
  function describe(data) {
    const parts = [plural(Object.keys(data.cards).length, "card")];
    const notes = Object.keys(data.notes || {}).length;
    if (notes) parts.push(plural(notes, "note"));
    const settings = Object.keys(data.settings || {}).filter((name) => name in SETTINGS).length;
    if (settings) parts.push(plural(settings, "study setting"));
    return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
  }

  function exportText() {
    return JSON.stringify(read(), null, 2);
  }

  // Merge an exported file into the saved progress: for each card and note the most
  // recent wins; the file's study settings are restored. A card or note of a question
  // this site does not have (and the saved progress does not hold) is skipped. Resolves to
  // { ok, message }; on any fault nothing is changed. A huge file is refused before it is
  // read.
  async function importFile(file, knownIds) {
    if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: `That file is too large to be a progress export (over ${MAX_IMPORT_BYTES / 1024} KB). Nothing was changed.` };
    const text = await file.text();
    const data = parse(text);
    if (data === undefined) return { ok: false, message: "That file is not JSON, so it cannot be a progress export. Nothing was changed." };
    const problem = problemWith(data);
    if (problem) return { ok: false, message: `That file cannot be imported: ${problem}. Nothing was changed.` };
    const current = read();
    if (broken) return { ok: false, message: "Your saved progress cannot be read: reset it first (download it to keep a copy). Nothing was changed." };
    const skipped = new Set();
    // Takes the newer of each entry of `theirs` into `mine`; counts what it took.
    const merge = (mine, theirs, time) => {
      let taken = 0;
      for (const [id, entry] of Object.entries(theirs || {})) {
        if (!knownIds.includes(id) && !(id in mine)) {
          skipped.add(id);
        } else if (!mine[id] || time(entry) > time(mine[id])) {
          mine[id] = entry;
          taken += 1;
        }
      }
      return taken;
    };
    const cards = merge(current.cards, data.cards, (entry) => entry.reviewed);
    const notes = merge(current.notes, data.notes, (entry) => entry.edited);
    const restored = Object.keys(SETTINGS).filter((name) => data.settings && data.settings[name] !== undefined);
    restored.forEach((name) => (current.settings[name] = data.settings[name]));

    const said = [`Imported: ${cards} of ${plural(Object.keys(data.cards).length, "card")} ${cards === 1 ? "was" : "were"} newer than yours.`];
    const kept = restored.map((name) => SETTINGS[name].says(data.settings[name]));
    if (notes) kept.push(`${plural(notes, "note")} newer than yours`);
    if (kept.length) said.push(`Restored ${kept.length > 1 ? `${kept.slice(0, -1).join(", ")} and ${kept.at(-1)}` : kept[0]}.`);
    if (skipped.size) said.push(`Skipped ${plural(skipped.size, "question")} this site does not have: ${[...skipped].join(", ")}.`);
    const message = said.join(" ");
    if (!cards && !notes && !restored.length) return { ok: true, message };
    if (!write(current)) return { ok: false, message: "Imported, but this browser does not let the page save it: it lasts until you close the page." };
    return { ok: true, message };
  }

  function reset() {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // storage blocked: only the memory copy exists
    }
    broken = null;
    memory = null;
    clearSession();
  }

  // Save text as a file on the reader's device (no network involved).
  function download(name, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // The drill session of this tab (sessionStorage): it survives a visit to a section
  // page and a reload, and ends with the tab.
  function session() {
    try {
      const value = parse(sessionStorage.getItem(SESSION_KEY) || "");
      return isObject(value) && Array.isArray(value.queue) ? value : null;
    } catch {
      return null;
    }
  }

  function saveSession(value) {
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    } catch {
      // private mode without storage: the session lasts as long as the page
    }
  }

  function clearSession() {
    try {
      sessionStorage.removeItem(SESSION_KEY);
    } catch {
      // nothing stored
    }
  }

  globalThis.Progress = {
    TIMERS, read, record, setting, note, describe, exportText, importFile, reset, download, session, saveSession,
    broken: () => (read(), broken),
  };
})();
