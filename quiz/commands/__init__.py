"""One module per group of sub-commands; each is imported only when its command runs."""
