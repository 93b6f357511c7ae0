"""Candidates to violations: conditions and allow lists, overlap resolution, Violation values."""
