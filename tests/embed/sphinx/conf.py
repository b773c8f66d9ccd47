# The Sphinx site of tests/embed/sphinx.test.mjs, with the Furo theme (a
# light and a dark theme, and a toggle). The test appends the recipe
# (docs/embedding.md).
project = "Embedding dispatcher-demo"
html_theme = "furo"
