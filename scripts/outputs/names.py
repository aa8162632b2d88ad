"""The names of the files the outputs write into the built site: the macros link to them
and the checker reads them without importing the modules that write them."""

DECK_DIR = "decks"  # folder of the built site
APKG = "ml-interview-prep.apkg"
CSV = "ml-interview-prep.csv"
FIELDS = ["Number", "Title", "Section", "Short answer", "Key formula", "Full answer", "URL"]  # of a deck's note
CSV_COLUMNS = ["GUID", *FIELDS, "Tags"]
CARDS_FILE = "assets/cards.json"
CHEATSHEET_PDF = "CHEATSHEET_PDF"  # the environment switch that makes the build print them
PDF_FILES = {"A4": "cheatsheet-a4.pdf", "Letter": "cheatsheet-letter.pdf"}  # beside the cheat sheet
WORKER = "sw.js"  # the service worker
