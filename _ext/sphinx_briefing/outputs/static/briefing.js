/* briefing hover cards.
 *
 * Hovering or focusing a reference to an object whose kind asks for hover cards (class
 * "briefing-hover": people, facts, pillars, a book's own kinds …) shows a small card laid out from
 * the link's `title`, "name · role, country · Source: …" (a fact: "value · label · Source: …").
 *
 * The HTML builders keep hover texts out of the pages: a link names its target by key
 * (data-briefing-hover="person:scholz") and _static/briefing-hovers.js (written once per build)
 * maps keys to texts, so a changed role does not rewrite every page citing the person. The first
 * hover or focus of such a link fills its `title` from there (every link, with a card or not: a
 * source's or a quotation's link shows the browser's own tooltip). EPUB and other builders without
 * the script write the `title` into the page.
 * Text is only ever set with textContent or as an attribute, so nothing is parsed as HTML. */
(() => {
  "use strict";
  const SELECTOR = "a.briefing-hover";
  const KEYED = "[data-briefing-hover]";
  const SEPARATOR = " · ";
  const CARD_ID = "briefing-card";
  let card = null;
  let current = null;

  // The hover-text file sits beside this script. It is loaded from here, not named in the page:
  // a page naming it would carry Sphinx's checksum of it (?v=…) and change with every hover text.
  const script = document.currentScript;
  if (script !== null && script.src && document.querySelector(KEYED) !== null && !window.briefingHovers) {
    const data = document.createElement("script");
    data.src = new URL("briefing-hovers.js", script.src).href;
    data.async = true;
    document.head.appendChild(data);
  }

  // A keyed link's title from the hover-text file, once (hide() and the card then work on it as
  // on a title written into the page).
  function fill(link) {
    if (link.hasAttribute("title") || link.dataset.briefingTitle !== undefined) return;
    const texts = window.briefingHovers;
    const key = link.getAttribute("data-briefing-hover");
    if (texts && Object.prototype.hasOwnProperty.call(texts, key) && typeof texts[key] === "string") {
      link.setAttribute("title", texts[key]);
    }
  }

  function keyedOf(target) {
    return target instanceof Element ? target.closest(KEYED) : null;
  }
  document.addEventListener("mouseover", (event) => {
    const link = keyedOf(event.target);
    if (link !== null) fill(link);
  }, true);
  document.addEventListener("focusin", (event) => {
    const link = keyedOf(event.target);
    if (link !== null) fill(link);
  }, true);

  function getCard() {
    if (card === null) {
      card = document.createElement("div");
      card.id = CARD_ID;
      card.className = "briefing-card";
      card.setAttribute("role", "tooltip");
      card.hidden = true;
      document.body.appendChild(card);
    }
    return card;
  }

  function hide() {
    if (current !== null) {
      // Give the title back, so the text is reachable again without the card.
      current.setAttribute("title", current.dataset.briefingTitle || "");
      current.removeAttribute("aria-describedby");
      current = null;
    }
    if (card !== null) card.hidden = true;
  }

  function show(link) {
    if (link === current) return;
    hide();
    const text = link.getAttribute("title") || "";
    // Move the title aside while the card is up, so the browser does not show it twice.
    link.dataset.briefingTitle = text;
    link.removeAttribute("title");
    const box = getCard();
    // The first line names the object (a name, a value, a title); the rest describe it.
    const [first, ...rest] = text.split(SEPARATOR);
    const heading = document.createElement("strong");
    heading.textContent = first || link.textContent.trim();
    box.replaceChildren(heading);
    for (const line of rest) {
      if (!line) continue;
      const row = document.createElement("span");
      row.textContent = line;
      // The status line (status.py) stands out like the mark after the link.
      if (line.startsWith("Status: ")) row.className = "briefing-card-status";
      box.appendChild(row);
    }
    box.hidden = false;
    link.setAttribute("aria-describedby", CARD_ID);
    current = link;
    place();
  }

  // Below the link, or above it near the bottom of the window; kept inside the window.
  function place() {
    if (current === null) return;
    const box = getCard();
    const rect = current.getBoundingClientRect();
    const width = box.offsetWidth;
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    const below = rect.bottom + 6 + box.offsetHeight < window.innerHeight;
    box.style.left = `${left}px`;
    box.style.top = below ? `${rect.bottom + 6}px` : `${Math.max(8, rect.top - box.offsetHeight - 6)}px`;
  }

  function linkOf(target) {
    return target instanceof Element ? target.closest(SELECTOR) : null;
  }

  document.addEventListener("mouseover", (event) => {
    const link = linkOf(event.target);
    if (link !== null) show(link);
    else if (current !== null && document.activeElement !== current) hide();
  });
  document.addEventListener("focusin", (event) => {
    const link = linkOf(event.target);
    if (link !== null) show(link);
    else hide();
  });
  document.addEventListener("focusout", (event) => {
    if (linkOf(event.target) === current) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  // Focusing a link scrolls it into view: follow it rather than close the card.
  window.addEventListener("scroll", place, { passive: true });
  window.addEventListener("resize", place);
})();

/* A table wider than the screen scrolls sideways inside its wrapper: a keyboard user must be able
 * to reach that region to scroll it (WCAG 2.1.1; axe's "scrollable-region-focusable"), so a wrapper
 * that overflows and holds nothing focusable joins the tab order (its table, read next, names it).
 * Checked again on resize. */
(() => {
  "use strict";
  const MARK = "data-briefing-scrolls";
  const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function mark() {
    for (const wrapper of document.querySelectorAll(".table-wrapper")) {
      // A region holding a link is reached through it already (and a focusable wrapper around
      // links would be one more touch target overlapping them).
      const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1 && wrapper.querySelector(FOCUSABLE) === null;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute(MARK, "");
      } else if (!scrolls && wrapper.hasAttribute(MARK)) {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute(MARK);
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("resize", mark);
})();
