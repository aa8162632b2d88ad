// When a drill card comes back: pure functions of a card's review record, a grade and
// the clock, with no storage and no page. tests/js/scheduler.test.js pins the intervals.
//
// A review record is { grade, interval, due, reviewed }: the last grade (1 didn't know,
// 2 unsure, 3 knew it), the interval in days it earned, when the card is due next and
// when it was last reviewed (both milliseconds since 1970).
(() => {
  const MINUTE = 60 * 1000;
  const DAY = 24 * 60 * MINUTE;
  // A missed card is due again soon: the next session, even on the same day.
  const MISSED_DELAY = 10 * MINUTE;
  // How much each grade multiplies the interval by.
  const KNEW_GROWTH = 2.5;
  const UNSURE_GROWTH = 1.2;
  // In a session, a "Didn't know" card comes back after this many other cards.
  const REQUEUE_GAP = 3;

  // The next interval in days: missed starts over, unsure grows slowly, knew it fast.
  function nextInterval(previous, grade) {
    const last = previous || 0;
    if (grade === 1) return 0;
    if (grade === 2) return Math.max(1, Math.round(last * UNSURE_GROWTH));
    return last === 0 ? 1 : Math.max(last + 1, Math.round(last * KNEW_GROWTH));
  }

  // The record after grading a card. `interviewAt`, when set and still ahead, caps the
  // due time: nothing is scheduled after the interview.
  function review(record, grade, now, interviewAt) {
    if (![1, 2, 3].includes(grade)) throw new RangeError(`grade must be 1, 2 or 3, not ${grade}`);
    const interval = nextInterval(record && record.interval, grade);
    let due = grade === 1 ? now + MISSED_DELAY : now + interval * DAY;
    if (interviewAt && interviewAt > now) due = Math.min(due, interviewAt);
    return { grade, interval, due, reviewed: now };
  }

  // "new", "missed", "unsure" or "known": what the last grade says.
  function status(record) {
    if (!record) return "new";
    return { 1: "missed", 2: "unsure", 3: "known" }[record.grade] || "new";
  }

  // What a status is called on the page.
  const LABELS = { new: "New", missed: "Didn't know", unsure: "Unsure", known: "Known" };

  function isDue(record, now) {
    return Boolean(record) && record.due <= now;
  }

  // A session's order: due and missed cards first (earliest due first), then the rest
  // shuffled. `random` returns numbers in [0, 1), like Math.random.
  function order(ids, records, now, random) {
    const first = [];
    const rest = [];
    for (const id of ids) {
      const record = records[id];
      (isDue(record, now) || status(record) === "missed" ? first : rest).push(id);
    }
    first.sort((a, b) => records[a].due - records[b].due);
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rest[i], rest[j]] = [rest[j], rest[i]];
    }
    return first.concat(rest);
  }

  // The queue after a "Didn't know" on queue[position]: the card again, REQUEUE_GAP
  // cards later, or last when fewer are left.
  function requeue(queue, position) {
    const copy = queue.slice();
    copy.splice(Math.min(position + 1 + REQUEUE_GAP, copy.length), 0, queue[position]);
    return copy;
  }

  // Whole days from `now` until `interviewAt`, counting a part day as one.
  function daysLeft(interviewAt, now) {
    return Math.max(0, Math.ceil((interviewAt - now) / DAY));
  }

  const Scheduler = { DAY, LABELS, MINUTE, nextInterval, review, status, isDue, order, requeue, daysLeft };
  if (typeof module === "object" && module.exports) module.exports = Scheduler;
  else globalThis.Scheduler = Scheduler;
})();
