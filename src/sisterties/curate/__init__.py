"""Layer 5 — curation tools: archive a new source, propose candidate rows for review.

Nothing here writes to ``data/`` except ``sources add`` (the sources row of the text it
archives); extraction writes a review file that a curator edits by hand.
"""
