// The glossary: what the page's words mean (the four states, errgroup, the
// dispatcher, a worker, the queue's length, the options), under the narration.

/**
 * The glossary's markup, which template.js puts after the narration. Its
 * words (glossary-words.js, in dist/ a file of their own) come as it is first
 * opened (teaching.js puts them in): it is folded until the first run ends,
 * and opens then only from below the view, unseen until they are in; an
 * embedded element shows it only where its `parts` name it.
 */
export const GLOSSARY = `
  <details class="glossary">
    <summary>What the words mean</summary>
    <dl></dl>
  </details>
`;
