"""Files derived from the model and the built pages, one module each (cards, decks,
search index, service worker, cheat-sheet PDFs), and their file names (names.py)."""
