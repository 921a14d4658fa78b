/*
 * Mahfooz search, loaded by on-demand.js when a reader opens the search; it wires the dialog
 * (partials/mahfooz-search.html). The first search loads, as <script> elements (they work from file:// and under a
 * CSP of script-src 'self'), the language's manifest, the term shards of the words typed, then the
 * document chunks of the results shown. The index is written by src/handbook/search_index.py.
 * Query text is untrusted: it is only ever compared and inserted as text nodes, never as HTML.
 */
(function () {
  "use strict";

  // --- the text rules of src/handbook/search_text.py (tests/test_search_parity.py keeps them equal) ---
  var FOLD = { "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0647": "\u06c1", "\u0629": "\u06c1" };
  var FOLDED = /[\u064a\u0649\u0643\u0647\u0629\u0660-\u0669\u06f0-\u06f9]/g;
  var DROP = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2060\u00ad\ufeff]/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var MAX_TERM = 40;

  function fold(c) {
    var code = c.charCodeAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    return FOLD[c];
  }

  function normalise(text) {
    var lowered = text.normalize("NFKD").toLowerCase();
    return lowered.replace(DROP, "").replace(FOLDED, fold).normalize("NFC");
  }

  function tokens(text) {
    return (normalise(text).match(WORD) || []).filter(function (t) { return Array.from(t).length <= MAX_TERM; });
  }

  function shardFile(key) {
    return "t-" + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("_");
  }

  function shardKey(term, keys) {  // the term's longest prefix (3, 2 or 1 characters) that is a shard
    var chars = Array.from(term);
    for (var length = Math.min(3, chars.length); length > 0; length--) {
      var prefix = chars.slice(0, length).join("");
      if (keys.has(prefix)) return prefix;
    }
    return null;
  }

  if (typeof module === "object" && module.exports) {  // node, for the parity test
    module.exports = { normalise: normalise, tokens: tokens, shardFile: shardFile, shardKey: shardKey };
    return;
  }

  var dialog = document.querySelector("[data-mahfooz-search]");
  var toggle = document.getElementById("__search");
  var self = document.currentScript;
  if (!dialog || !toggle || !self) return;

  var MAX_QUERY = 200;  // characters read from the box; anything longer is pasted, not typed
  var MAX_TERMS = 8;
  var MAX_RESULTS = 10;
  var PREFIX_FACTOR = 0.7;  // a word that only starts with what was typed counts for less
  var root = new URL("../../", self.src);  // this file is assets/javascripts/search.js
  var base = new URL(dialog.getAttribute("data-index") || "search/", root);
  var ui = JSON.parse(dialog.getAttribute("data-ui") || "{}");
  var input = dialog.querySelector("input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var button = document.querySelector(".mahfooz-search-button");

  // --- loading index files as scripts -------------------------------------------------------------
  var waiting = {};
  var loaded = {};
  var version = "";

  window.__mahfoozSearch = function (name, data) {
    var done = waiting[name];
    if (done) {
      delete waiting[name];
      done(data);
    }
  };

  function load(name) {
    if (!loaded[name]) {
      loaded[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var tag = document.createElement("script");
        tag.src = new URL(name + ".js" + (version ? "?v=" + version : ""), base).href;
        tag.onload = function () {
          tag.remove();
          if (waiting[name]) fail(name + ".js did not register");
        };
        tag.onerror = function () {
          tag.remove();
          fail(name + ".js did not load");
        };
        function fail(why) {
          delete waiting[name];
          delete loaded[name];  // a later search tries again
          reject(new Error(why));
        }
        document.head.appendChild(tag);
      });
    }
    return loaded[name];
  }

  function manifest() {
    return load("manifest").then(function (data) {
      version = data.v;
      return data;
    });
  }

  // --- matching -----------------------------------------------------------------------------------
  function termHits(shard, term) {  // section "page:section" -> best weight for this query word
    var hits = new Map();
    Object.keys(shard).forEach(function (word) {
      var factor = word === term ? 1 : word.indexOf(term) === 0 ? PREFIX_FACTOR : 0;
      if (!factor) return;
      var postings = shard[word];
      for (var i = 0; i < postings.length; i += 3) {
        var key = postings[i] + ":" + postings[i + 1];
        var weight = postings[i + 2] * factor;
        if (!(hits.get(key) >= weight)) hits.set(key, weight);
      }
    });
    return hits;
  }

  function rank(hitsPerTerm) {  // best section per page; pages matching more words first
    var sections = new Map();
    hitsPerTerm.forEach(function (hits) {
      hits.forEach(function (weight, key) {
        var found = sections.get(key) || { words: 0, score: 0 };
        found.words += 1;
        found.score += weight;
        sections.set(key, found);
      });
    });
    var pages = new Map();
    sections.forEach(function (found, key) {
      var parts = key.split(":");
      var page = Number(parts[0]);
      var best = pages.get(page);
      if (!best || found.words > best.words || (found.words === best.words && found.score > best.score)) {
        pages.set(page, { page: page, section: Number(parts[1]), words: found.words, score: found.score });
      }
    });
    return Array.from(pages.values()).sort(function (a, b) {
      return b.words - a.words || b.score - a.score || a.page - b.page;
    });
  }

  function chunkOf(page, starts) {
    var n = 0;
    while (n + 1 < starts.length && starts[n + 1] <= page) n += 1;
    return n;
  }

  function search(query) {
    var terms = Array.from(new Set(tokens(query.slice(0, MAX_QUERY)))).filter(function (t) {
      return Array.from(t).length >= 2;
    }).slice(0, MAX_TERMS);
    if (!terms.length) return Promise.resolve(null);
    return manifest().then(function (index) {
      var keys = new Set(index.shards);
      return Promise.all(terms.map(function (term) {
        var key = shardKey(term, keys);
        return key ? load(shardFile(key)).then(function (shard) { return termHits(shard, term); }) : new Map();
      })).then(function (hitsPerTerm) {
        var ranked = rank(hitsPerTerm);
        var shown = ranked.slice(0, MAX_RESULTS);
        var chunks = Array.from(new Set(shown.map(function (r) { return chunkOf(r.page, index.chunks); })));
        return Promise.all(chunks.map(function (n) { return load("d-" + n); })).then(function (loadedChunks) {
          return {
            terms: terms,
            total: ranked.length,
            results: shown.map(function (r) {
              var n = chunkOf(r.page, index.chunks);
              var record = loadedChunks[chunks.indexOf(n)][r.page - index.chunks[n]];
              return { record: record, section: record[4][r.section] || record[4][0] };
            })
          };
        });
      });
    });
  }

  // --- showing results, as text nodes only ----------------------------------------------------------
  var RAW_WORD = /[\p{L}\p{N}\p{M}\u200c\u200d]+/gu;

  function marked(parent, text, terms) {  // text with the words that match the query in <mark>
    var last = 0;
    text.replace(RAW_WORD, function (word, at) {
      var hit = tokens(word).some(function (t) {
        return terms.some(function (term) { return t.indexOf(term) === 0; });
      });
      if (!hit) return word;
      parent.appendChild(document.createTextNode(text.slice(last, at)));
      var mark = document.createElement("mark");
      mark.textContent = word;
      parent.appendChild(mark);
      last = at + word.length;
      return word;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    node.className = className;
    return node;
  }

  function show(found) {
    list.textContent = "";
    if (!found) {
      meta.textContent = ui.search_hint || "";
      return;
    }
    var count = found.total;
    meta.textContent = count === 0 ? ui.search_none : count === 1 ? ui.search_one
      : (ui.search_many || "{n}").replace("{n}", String(count));
    var pageLang = document.documentElement.lang;
    found.results.forEach(function (result) {
      var record = result.record;
      var section = result.section;
      var link = element("a", "md-search-result__link mahfooz-search-result");
      link.href = new URL(record[1], root).href + (section[1] ? "#" + encodeURIComponent(section[1]) : "");
      var article = element("article", "md-search-result__article md-typeset");
      var title = marked(element("span", "mahfooz-search-result__title"), record[0], found.terms);
      article.appendChild(title);
      if (record[3] !== pageLang) {  // an English page on the Urdu site: say so, and set it left to right
        link.hreflang = record[3];
        title.lang = record[3];
        title.dir = "ltr";
        var marker = element("span", "mahfooz-search-result__lang");
        marker.textContent = ui.search_in_english || "";
        article.appendChild(marker);
      }
      if (section[0]) article.appendChild(marked(element("span", "mahfooz-search-result__section"), section[0], found.terms));
      if (section[2]) article.appendChild(marked(element("span", "mahfooz-search-result__snippet"), section[2], found.terms));
      if (record[3] !== pageLang) {
        article.querySelectorAll(".mahfooz-search-result__section, .mahfooz-search-result__snippet").forEach(function (n) {
          n.lang = record[3];
          n.dir = "ltr";
        });
      }
      link.appendChild(article);
      var item = element("li", "md-search-result__item");
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  var asked = 0;
  var timer = 0;

  function update() {
    var ticket = ++asked;
    var query = input.value;
    if (tokens(query.slice(0, MAX_QUERY)).some(function (t) { return Array.from(t).length >= 2; })) {
      meta.textContent = ui.search_loading || "";
    }
    search(query).then(function (found) {
      if (ticket === asked) show(found);
    }, function () {
      if (ticket === asked) {
        list.textContent = "";
        meta.textContent = ui.search_failed || "";
      }
    });
  }

  // --- the dialog: opening, closing, keys ---------------------------------------------------------
  function setOpen(open) {
    if (toggle.checked !== open) toggle.click();  // a click also tells Material's script (change event)
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  toggle.addEventListener("change", function () {
    // At once, so that what the reader types next lands in the box.
    if (toggle.checked && document.activeElement !== input) input.focus();
  });

  input.addEventListener("focus", function () {
    setOpen(true);  // on wide screens the box sits in the header: focusing it opens the results
  });

  input.addEventListener("input", function () {
    setOpen(true);  // typing again after the overlay was clicked away
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 120);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });

  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      asked += 1;
      show(null);
      input.focus();
    }, 0);
  });

  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) setOpen(false);  // a link to a section of this same page
  });

  if (button) {
    button.addEventListener("click", function () {
      setOpen(!toggle.checked);
      if (toggle.checked) input.focus();
    });
  }

  // Loaded on demand (on-demand.js) once the reader opened the search: take up where they are.
  if (document.activeElement === input || input.value) setOpen(true);
  if (toggle.checked && document.activeElement !== input) input.focus();
  if (input.value) update();

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      // Material's own shortcuts for search, kept: "/", "s" and "f" open it.
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !editable(document.activeElement)) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(true);
      }
      return;
    }
    var items = links();
    var at = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      input.blur();
      if (button) button.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length || (at < 0 && document.activeElement !== input)) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else items[Math.min(next, items.length - 1)].focus();
    }
  }, true);
})();
