"""Files in and out: reading drafts (text encodings, .docx), writing fixes atomically, the on-disk cache."""
