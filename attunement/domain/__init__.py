"""The therapy as code: exercises, parts, measures, safety (domain.md). Standard library only."""
