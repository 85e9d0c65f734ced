"""The question bank: schema, loader and the shipped bilingual bank. Imports no UI code."""

from questions.loader import LoadError, load_bank
from questions.schema import ROLE_IDS, Bank, ChoiceItem, Lang, RatingItem, RoleId, Text

__all__ = ["ROLE_IDS", "Bank", "ChoiceItem", "Lang", "LoadError", "RatingItem", "RoleId", "Text", "load_bank"]
