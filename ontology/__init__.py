"""Data and schema every layer reads: concept schemes, cue and question vocabularies, places."""
from pathlib import Path

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.toml"  # read by search/understand.py and scope.py
