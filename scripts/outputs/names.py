"""The names of the files the outputs write into the built site: the macros link to them
and the checker reads them without importing the modules that write them."""

DECK_DIR = "decks"  # folder of the built site
APKG = "ml-interview-prep.apkg"
CSV = "ml-interview-prep.csv"
FIELDS = ["Number", "Title", "Section", "Short answer", "Key formula", "Full answer", "URL"]  # of a deck's note
CSV_COLUMNS = ["GUID", *FIELDS, "Tags"]
CARDS_FILE = "assets/cards.json"  # the drill cards' fronts
CARD_BACKS_FILE = "assets/card-backs.json"
FOLLOW_UPS_FILE = "assets/followups.json"  # for the drill's mock interview
CHEATSHEET_PDF = "CHEATSHEET_PDF"  # the environment switch that makes the build print them
# The cheat sheets: each one's folder in the built site (and page under docs/), and which
# questions it holds. The core 30 keep the sheet, and the PDF names, they always had.
CHEATSHEETS = {"cheatsheet": "core", "cheatsheet-extension": "extension"}
PAPERS = ("A4", "Letter")


def pdf_files(sheet: str) -> dict[str, str]:
    """A cheat sheet's PDFs by paper, written beside its page: cheatsheet-a4.pdf, ..."""
    return {paper: f"{sheet}-{paper.lower()}.pdf" for paper in PAPERS}
WORKER = "sw.js"  # the service worker
