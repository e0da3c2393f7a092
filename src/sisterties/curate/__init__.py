"""Layer 5 — curation tools: archive a new source, propose candidate rows for review, apply research facts.

Only two tools write to ``data/``: ``sources add`` (the sources row of the text it archives) and
``curate apply`` (rows from research facts and a curator's decisions, see ``curate.apply``);
extraction writes a review file that a curator edits by hand.
"""
