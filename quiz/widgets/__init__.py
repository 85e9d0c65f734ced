"""Reusable widgets of the quiz: the translated key bar, the choice list, the role bars."""
