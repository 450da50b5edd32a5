"""The document model: the text with its derived views, headings, and the findings checks report."""
