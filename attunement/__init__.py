"""Attunement: couples exercises with live, explainable feedback."""
