"""The quiz's screens, one per file: welcome, question, review, results, help."""
