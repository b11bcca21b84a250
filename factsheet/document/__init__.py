"""The format-neutral document tree; imports nothing from facts, compose or writers."""
