"""The question model: the only code that parses section pages (questions.py)."""
