// Unit tests of docs/assets/scheduler.js, run by `node --test` (tests/test_scheduler.py).
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../docs/assets/scheduler.js");

const NOW = Date.UTC(2026, 10, 20, 9, 0);

function reviews(grades, interviewAt) {
  let record;
  let now = NOW;
  const out = [];
  for (const grade of grades) {
    record = S.review(record, grade, now, interviewAt);
    out.push(record);
    now = record.due;
  }
  return out;
}

test("knew it, again and again: 1, 3, 8, 20, 50 days", () => {
  assert.deepEqual(reviews([3, 3, 3, 3, 3]).map((r) => r.interval), [1, 3, 8, 20, 50]);
});

test("a known card is due its interval in days after the review", () => {
  const [first, second] = reviews([3, 3]);
  assert.equal(first.due, NOW + S.DAY);
  assert.equal(second.due, first.due + 3 * S.DAY);
  assert.equal(second.reviewed, first.due);
});

test("didn't know: due again ten minutes later, interval back to zero", () => {
  const [, , missed] = reviews([3, 3, 1]);
  assert.equal(missed.interval, 0);
  assert.equal(missed.due - missed.reviewed, 10 * S.MINUTE);
  assert.equal(S.nextInterval(missed.interval, 3), 1);
});

test("unsure: at least a day, growing slowly (8 days becomes 10)", () => {
  assert.equal(S.nextInterval(0, 2), 1);
  assert.equal(S.nextInterval(1, 2), 1);
  assert.equal(S.nextInterval(8, 2), 10);
  assert.deepEqual(reviews([3, 3, 3, 2]).map((r) => r.interval), [1, 3, 8, 10]);
});

test("nothing is scheduled after the interview", () => {
  const interviewAt = NOW + 5 * S.DAY;
  const [, , third] = reviews([3, 3, 3], interviewAt);
  assert.equal(third.interval, 8);
  assert.equal(third.due, interviewAt);
  // An interview date in the past caps nothing.
  assert.equal(S.review(undefined, 3, NOW, NOW - S.DAY).due, NOW + S.DAY);
});

test("a grade other than 1, 2 or 3 is refused", () => {
  assert.throws(() => S.review(undefined, 4, NOW), RangeError);
});

test("status and due follow the last grade", () => {
  assert.equal(S.status(undefined), "new");
  assert.deepEqual([1, 2, 3].map((grade) => S.status({ grade })), ["missed", "unsure", "known"]);
  const record = S.review(undefined, 3, NOW);
  assert.equal(S.isDue(record, NOW), false);
  assert.equal(S.isDue(record, NOW + S.DAY), true);
  assert.equal(S.isDue(undefined, NOW), false);
});

test("a session puts due and missed cards first, earliest due first, then shuffles the rest", () => {
  const records = {
    a: { grade: 3, interval: 3, due: NOW + S.DAY },
    b: { grade: 3, interval: 1, due: NOW - 2 * S.DAY },
    c: { grade: 1, interval: 0, due: NOW + S.MINUTE },
    d: { grade: 2, interval: 1, due: NOW - S.DAY },
  };
  const ids = ["a", "b", "c", "d", "e", "f", "g"];
  const queue = S.order(ids, records, NOW, () => 0);
  assert.deepEqual(queue.slice(0, 3), ["b", "d", "c"]);
  assert.deepEqual(queue.slice(3).sort(), ["a", "e", "f", "g"]);
  // A different random source shuffles the rest differently, never the front.
  const other = S.order(ids, records, NOW, () => 0.99);
  assert.deepEqual(other.slice(0, 3), ["b", "d", "c"]);
  assert.notDeepEqual(other.slice(3), queue.slice(3));
});

test("a missed card comes back three cards later, or last", () => {
  assert.deepEqual(S.requeue(["a", "b", "c", "d", "e", "f"], 0), ["a", "b", "c", "d", "a", "e", "f"]);
  assert.deepEqual(S.requeue(["a", "b", "c"], 1), ["a", "b", "c", "b"]);
});

test("days left count a part day as a whole one", () => {
  assert.equal(S.daysLeft(NOW + 2 * S.DAY, NOW), 2);
  assert.equal(S.daysLeft(NOW + 2 * S.DAY + 1, NOW), 3);
  assert.equal(S.daysLeft(NOW - S.DAY, NOW), 0);
});
