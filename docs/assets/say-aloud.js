// The drill's say-it-aloud mode: a countdown per card and a recording of the spoken
// answer, to play back before grading. drill.js tells what happens with events on
// #flash-cards (drill:card when a card shows, drill:reveal, drill:settings, drill:end)
// and reveals the answer when this sends drill:time-up at zero.
//
// A recording is a blob in this page's memory: nothing is uploaded or stored, and it is
// dropped when the next card shows unless the reader saves it as a file. Screen readers
// hear the time when a card starts, at ten seconds left and at zero, not every second.
(() => {
  const WARN_AT = 10; // seconds left when the time is announced once more
  let timing = null; // { root, card, deadline, ticker, warned }
  let recording = null; // { recorder, chunks, started, url }
  let microphone = null; // the promise of the microphone's stream, asked for once per page
  let problem = ""; // why recording is off on this page, when it is

  document$.subscribe(() => {
    stopAll();
    problem = "";
    const root = document.getElementById("flash-cards");
    if (!root) return;
    root.addEventListener("drill:card", (event) => begin(root, event.detail));
    root.addEventListener("drill:reveal", () => finish(root));
    root.addEventListener("drill:settings", () => timing && !timing.card.revealed && begin(root, timing.card));
    root.addEventListener("drill:end", stopAll);
  });

  const part = (root, name) => root.querySelector(`[data-part=${name}]`);
  const setting = (name) => Progress.read().settings[name];
  const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

  function say(root, text) {
    part(root, "announce").textContent = text;
  }

  // A card shows: start its countdown and its recording, as the settings say.
  function begin(root, card) {
    stopTimer();
    discard();
    timing = { root, card, deadline: 0, ticker: 0, warned: false };
    const seconds = setting("timer") || 0;
    const record = setting("record") === true && !problem;
    const message = part(root, "aloud-message");
    message.textContent = problem;
    message.hidden = !(setting("record") && problem);
    show(root);
    if (card.revealed || (!seconds && !record)) return;
    if (seconds) timing.deadline = Date.now() + seconds * 1000;
    timing.ticker = setInterval(() => tick(root), 250);
    if (record) startRecording(root, card);
    const started = [seconds && `${seconds} seconds to answer ${card.label}`, record && "recording"].filter(Boolean);
    say(root, `${started.join(", ")}.`.replace(/^./, (c) => c.toUpperCase()));
    show(root);
  }

  function tick(root) {
    show(root);
    if (!timing || !timing.deadline) return;
    const left = Math.max(0, Math.ceil((timing.deadline - Date.now()) / 1000));
    if (left <= WARN_AT && !timing.warned && left > 0) {
      timing.warned = true;
      say(root, `${left} seconds left.`);
    }
    if (left === 0) {
      stopTimer();
      say(root, "Time is up: the answer is shown.");
      root.dispatchEvent(new CustomEvent("drill:time-up"));
    }
  }

  // The line in the action bar: time left, and how long the recording runs.
  function show(root) {
    const left = timing && timing.deadline ? Math.max(0, Math.ceil((timing.deadline - Date.now()) / 1000)) : null;
    const spoken = recording && recording.recorder ? Math.floor((Date.now() - recording.started) / 1000) : null;
    const words = [left !== null && `${clock(left)} left`, spoken !== null && `● Recording ${clock(spoken)}`];
    const aloud = part(root, "aloud");
    aloud.textContent = words.filter(Boolean).join(" · ");
    aloud.hidden = !aloud.textContent;
  }

  function stopTimer() {
    if (timing) clearInterval(timing.ticker);
  }

  // The answer is shown: the clock stops, and the recording is offered to play back.
  function finish(root) {
    stopTimer();
    if (timing) timing.card.revealed = true;
    part(root, "aloud").hidden = true;
    if (!recording || !recording.recorder) return;
    const { recorder } = recording;
    const card = timing.card;
    recorder.addEventListener("stop", () => offer(root, card), { once: true });
    recorder.stop();
  }

  // The microphone, asked for once; a plain sentence when there is none to use.
  function askForMicrophone() {
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      return Promise.reject(new Error("Recording is off: this browser cannot record audio on this page. The rest of the drill works as before."));
    }
    microphone = microphone || navigator.mediaDevices.getUserMedia({ audio: true }).catch((error) => {
      microphone = null;
      throw new Error(error.name === "NotAllowedError"
        ? "Recording is off: this site may not use the microphone. Allow it in your browser's site settings to record; the rest of the drill works as before."
        : "Recording is off: no microphone was found on this device. The rest of the drill works as before.");
    });
    return microphone;
  }

  function startRecording(root, card) {
    const mine = { recorder: null, chunks: [], started: 0, url: "" };
    recording = mine;
    askForMicrophone().then((stream) => {
      if (recording !== mine || card.revealed) return; // the card moved on meanwhile
      mine.recorder = new MediaRecorder(stream);
      mine.recorder.addEventListener("dataavailable", (event) => event.data.size && mine.chunks.push(event.data));
      mine.recorder.start();
      mine.started = Date.now();
      show(root);
    }, (error) => {
      problem = error.message;
      const message = part(root, "aloud-message");
      message.textContent = problem;
      message.hidden = false;
      say(root, problem);
      show(root);
    });
  }

  function offer(root, card) {
    const mine = recording;
    if (!mine || !mine.chunks.length) return;
    const type = mine.recorder.mimeType || mine.chunks[0].type;
    mine.url = URL.createObjectURL(new Blob(mine.chunks, { type }));
    mine.recorder = null;
    const seconds = Math.round((Date.now() - mine.started) / 1000);
    const extension = (type.match(/audio\/(\w+)/) || [, "webm"])[1];
    const name = `answer-${card.key.replace("/", "-follow-up-")}.${extension}`;
    part(root, "recording").innerHTML = `<p>Your answer (${clock(seconds)}), kept only on this page:</p>
      <audio controls src="${mine.url}"></audio>
      <p><a href="${mine.url}" download="${name}">Save the recording</a></p>`;
  }

  // Drops the last recording: the next card shows, or the page changes.
  function discard() {
    const slot = document.querySelector("#flash-cards [data-part=recording]");
    if (slot) slot.replaceChildren();
    if (!recording) return;
    if (recording.recorder && recording.recorder.state !== "inactive") recording.recorder.stop();
    if (recording.url) URL.revokeObjectURL(recording.url);
    recording = null;
  }

  // The session ended or the page changed: the clock stops and the microphone is let go.
  function stopAll() {
    stopTimer();
    discard();
    timing = null;
    if (microphone) microphone.then((stream) => stream.getTracks().forEach((track) => track.stop()), () => {});
    microphone = null;
  }
})();
