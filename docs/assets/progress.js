// Drill progress and study settings: the one place that reads and writes them.
//
// Everything lives in localStorage under one versioned key, as
//   { kind, version, cards: { "question-id": { grade, interval, due, reviewed } },
//     settings: { interview: "YYYY-MM-DD", answers: "open" | "closed", hideShort } }
// Nothing is sent anywhere. Ids that are no longer on the site are kept, never pruned.
// A stored value this code cannot read is never overwritten: until the reader downloads
// it or resets, changes are kept in memory only (see `broken`).
(() => {
  const KEY = "ml-interview-prep/progress";
  const SESSION_KEY = "ml-interview-prep/drill-session";
  const KIND = "ml-interview-prep progress";
  const VERSION = 1;
  const MAX_IMPORT_BYTES = 1024 * 1024;
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  const empty = () => ({ kind: KIND, version: VERSION, cards: {}, settings: {} });
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const isTime = (value) => Number.isFinite(value) && value >= 0;

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
    const settings = data.settings === undefined ? {} : data.settings;
    if (!isObject(settings)) return "its settings are damaged";
    if (settings.interview !== undefined && !DATE.test(settings.interview)) return "its interview date is damaged";
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

  function exportText() {
    return JSON.stringify(read(), null, 2);
  }

  // Merge an exported file into the saved progress: for each card the most recent
  // review wins. Resolves to { ok, message }; on any fault nothing is changed. A huge
  // file is refused before it is read.
  async function importFile(file, knownIds) {
    if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: `That file is too large to be a progress export (over ${MAX_IMPORT_BYTES / 1024} KB). Nothing was changed.` };
    const text = await file.text();
    const data = parse(text);
    if (data === undefined) return { ok: false, message: "That file is not JSON, so it cannot be a progress export. Nothing was changed." };
    const problem = problemWith(data);
    if (problem) return { ok: false, message: `That file cannot be imported: ${problem}. Nothing was changed.` };
    const current = read();
    if (broken) return { ok: false, message: "Your saved progress cannot be read: reset it first (download it to keep a copy). Nothing was changed." };
    const unknown = Object.keys(data.cards).find((id) => !knownIds.includes(id) && !(id in current.cards));
    if (unknown) return { ok: false, message: `That file cannot be imported: it has a card "${unknown}" that this site does not have. Nothing was changed.` };
    let updated = 0;
    for (const [id, entry] of Object.entries(data.cards)) {
      const mine = current.cards[id];
      if (!mine || entry.reviewed > mine.reviewed) {
        current.cards[id] = entry;
        updated += 1;
      }
    }
    if (!write(current)) return { ok: false, message: "Imported, but this browser does not let the page save it: it lasts until you close the page." };
    return { ok: true, message: `Imported: ${updated} of ${Object.keys(data.cards).length} cards were newer than yours.` };
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
    read, record, setting, exportText, importFile, reset, download, session, saveSession,
    broken: () => (read(), broken),
  };
})();
