"""Rows, repositories, the unit of work and migrations (architecture.md)."""
