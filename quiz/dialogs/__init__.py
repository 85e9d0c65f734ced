"""Modal dialogs: yes/no confirmation, a read-only text panel, and the export dialog."""
