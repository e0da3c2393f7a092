"""Layer 1 — what the package *is*: the descriptor, the Table Schemas and what derives from them.

Nothing here imports pandas or a validator; every other layer reads the schemas through it.
"""
