"""One state machine per exercise (domain.md §2), each one hop away."""
