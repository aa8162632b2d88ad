// Runs each feature's script only on the pages that have the feature: the cheat sheet
// needs none of drill mode's code, and every script that does not run on a page is
// time the phone spends on the page before a reader can scroll it.
//
// Script tags cannot be chosen per page: with instant navigation the scripts of the
// first page loaded are the only ones that ever run, so a visit that starts on the cheat
// sheet and goes on to the drill page would have no drill. Here each page, the first and
// every one instant navigation brings, is looked over, and a script it needs is added
// once. A feature's script subscribes to document$ itself; Material replays the page on
// screen to a late subscriber, so the script starts on the page that asked for it.
(() => {
  const BASE = document.currentScript.src; // this file is assets/features.js
  const has = (selector) => () => document.querySelector(selector) !== null;

  // A feature's scripts run in the order listed: later ones use the earlier ones' globals.
  const FEATURES = [
    { scripts: ["answers.js"], on: () => new URLSearchParams(location.search).has("h") },
    { scripts: ["figure-zoom.js"], on: has(".md-typeset a.figure-link") },
    { scripts: ["wide-content.js"], on: has(".md-typeset .math, .md-typeset .md-typeset__scrollwrap") },
    { scripts: ["scheduler.js", "progress.js", "study.js"], on: has(".md-content .study-tools, .known-count") },
    { scripts: ["scheduler.js", "progress.js", "notes.js"], on: has(".md-content .study-tools") },
    { scripts: ["roles.js"], on: has(".md-content .role-filter") },
    // say-aloud.js listens to the drill from its first card: it runs first.
    { scripts: ["scheduler.js", "progress.js", "say-aloud.js", "drill.js"], on: has("#flash-cards") },
  ];

  const added = new Set();
  function add(name) {
    if (added.has(name)) return;
    added.add(name);
    const script = document.createElement("script");
    script.src = new URL(name, BASE).href;
    script.async = false; // added scripts run in the order they were added
    document.body.append(script);
  }

  document$.subscribe(() => {
    for (const feature of FEATURES) if (feature.on()) feature.scripts.forEach(add);
  });
})();
