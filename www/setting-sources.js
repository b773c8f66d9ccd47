// Where <dispatcher-demo>'s settings come from, as [name, text] pairs: its
// attributes, or with `sync-url` the page's URL (when it has any); and the
// page's own parameters, a preset and a link's moment.

/** Attributes any element may have, which are not settings. */
const HTML_ATTRIBUTE = /^(sync-url|page-url|sources|theme|parts|preset|at|event|id|class|style|title|lang|dir|hidden|tabindex|part|slot|inert|role|aria-.*|data-.*)$/;

/** The element's attributes that may be settings, as [name, text] pairs. */
export function attributePairs(element) {
  return [...element.attributes].filter(({ name }) => !HTML_ATTRIBUTE.test(name)).map(({ name, value }) => [name, value]);
}

/** Whether the settings come from the page's URL: with `sync-url`, when it has any; else the attributes give them. */
export function fromUrl(element) {
  return element.hasAttribute("sync-url") && [...new URLSearchParams(location.search).keys()].some((name) => name !== "at" && name !== "event");
}

/** The preset (an attribute, or with `sync-url` a parameter) and a link's moment, `at`, in ms (or null), after `event` events. */
export function pageParams(element) {
  const params = new URLSearchParams(element.hasAttribute("sync-url") ? location.search : "");
  const preset = (fromUrl(element) ? params.get("preset") : element.getAttribute("preset")) ?? null;
  const number = (value) => (value !== null && value.trim() !== "" && Number.isFinite(Number(value)) && Number(value) >= 0 ? Number(value) : null);
  const at = number(params.get("at") ?? element.getAttribute("at"));
  return { preset, at, event: number(params.get("event") ?? element.getAttribute("event")) };
}

/** The page Copy link links to: `page-url`, resolved from the document, or with `sync-url` this page; or null. */
export function linkedPage(element) {
  const page = element.getAttribute("page-url");
  if (page !== null) return new URL(page, document.baseURI).href;
  return element.hasAttribute("sync-url") ? location.href.split(/[?#]/)[0] : null;
}

/** `search`, a query string, as a link to `page`; without a page, the query string. */
export const linkTo = (page, search) => (page ? new URL(search || "?", page).href : search);

/** The elements writing their own attributes now: a change they make is not taken again. */
const writing = new WeakSet();

/** Whether `element` is writing one of its own attributes (setOwnAttribute), whose change it has taken already. */
export const settingOwnAttribute = (element) => writing.has(element);

/** Writes a property's attribute: `null` removes it. With `sync-url` the URL holds the settings instead. */
export function setOwnAttribute(element, name, text) {
  if (element.hasAttribute("sync-url")) return;
  writing.add(element);
  try {
    if (text === null) element.removeAttribute(name);
    else element.setAttribute(name, text);
  } finally {
    writing.delete(element);
  }
}
