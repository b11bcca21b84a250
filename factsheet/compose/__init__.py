"""Composition: facts + template -> the format-neutral document tree."""
